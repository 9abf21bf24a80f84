import { z } from "zod";
import { latterTermMinimumHours, supportStaffRoles, trainingSessionKindLabels, trainingSessionKinds } from "../vocabulary";
import { pastDateField, textField } from "./form-fields";

/** Participants are entered per body and role; each input is named `participants.<code>.<role>`. */
export function participantFieldName(localGovernmentCode: string, role: string): string {
  return `participants.${localGovernmentCode}.${role}`;
}

const participantKey = new RegExp(`^\\d{6}\\.(${supportStaffRoles.join("|")})$`);

const participantCount = z
  .string()
  .transform((v) => v.normalize("NFKC").trim())
  .refine((v) => /^\d{0,3}$/.test(v), "参加人数は0〜999の整数で入力してください")
  .transform((v) => (v === "" ? 0 : Number(v)));

const hours = z
  .string({ required_error: "時間数を入力してください" })
  .transform((v) => v.normalize("NFKC").trim())
  .superRefine((v, ctx) => {
    const n = Number(v);
    const message = !v
      ? "時間数を入力してください"
      : !/^\d{1,2}(\.\d)?$/.test(v) || !Number.isFinite(n)
        ? "時間数は 10.5 のように数値で入力してください"
        : n <= 0 || n > 99.5
          ? "時間数は0.5〜99.5時間の範囲で入力してください"
          : (n * 2) % 1 !== 0
            ? "時間数は0.5時間単位で入力してください"
            : null;
    if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  })
  .transform(Number);

const sessionFields = z.object({
  heldOn: pastDateField("開催日"),
  title: textField("研修名", 200, { required: true }),
  kind: z.enum(trainingSessionKinds, { errorMap: () => ({ message: "種別を選んでください" }) }),
  hours,
  participants: z.record(z.string().regex(participantKey, "参加者の欄が正しくありません"), participantCount).default({}),
});

/**
 * A training session the prefecture held, with its participants per body and role. A 後期研修 must
 * run at least 10.5 hours (the prefectural half of the 修了証); its participants feed the 後期 figures.
 * The 10.5-hour rule is checked from the kind and hours alone, so it is reported together with the
 * errors of the other fields (an object refinement would wait until every field passed).
 */
export const trainingSessionSchema = z.record(z.unknown()).transform((raw, ctx) => {
  const kind = sessionFields.shape.kind.safeParse(raw.kind);
  const hoursGiven = hours.safeParse(raw.hours);
  const tooShort = kind.success && kind.data === "latter_term" && hoursGiven.success && hoursGiven.data < latterTermMinimumHours;
  if (tooShort) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["hours"],
      message: `${trainingSessionKindLabels.latter_term}は${latterTermMinimumHours}時間以上必要です（入力は${hoursGiven.data}時間）`,
    });
  }
  const parsed = sessionFields.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue(issue);
  if (!parsed.success || tooShort) return z.NEVER;
  const v = parsed.data;
  return {
    ...v,
    participants: Object.entries(v.participants)
      .filter(([, n]) => n > 0)
      .map(([key, n]) => {
        const [localGovernmentCode, role] = key.split(".") as [string, (typeof supportStaffRoles)[number]];
        return { localGovernmentCode, role, participants: n };
      }),
  };
});
export type TrainingSessionInput = z.output<typeof trainingSessionSchema>;

/** The flat form fields as the schema expects them: `participants.<code>.<role>` gathered into one record. */
export function trainingSessionFormValues(form: Record<string, unknown>): Record<string, unknown> {
  const participants: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form)) {
    if (name.startsWith("participants.")) participants[name.slice("participants.".length)] = value;
    else rest[name] = value;
  }
  return { ...rest, participants };
}
