import { DataTable } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { formatNumber } from "~/domain/format";
import { AppLink } from "~/components/ui/AppLink";

type Body = { code: string; name: string; kind: string };

const bodyName = (b: Body) => (b.kind === "prefecture" ? `${b.name}（郡部）` : b.name);

/** A prefecture's answering bodies listed under each answer of the cooperation survey. */
export function SurveyBodiesByAnswer({
  fiscalYear,
  questions,
}: {
  fiscalYear: number;
  questions: { question: string; label: string; answers: { answer: string; label: string; bodies: Body[] }[] }[];
}) {
  return (
    <section aria-labelledby="survey-bodies-title">
      <h2 id="survey-bodies-title">回答別の実施主体（{formatFiscalYear(fiscalYear)}）</h2>
      {questions.map((q) => (
        <DataTable
          key={q.question}
          id={`survey-bodies-${q.question}`}
          caption={`${q.label}: 回答ごとの実施主体（複数回答）`}
          fileName={`${q.label}_実施主体_${fiscalYear}.csv`}
          rows={q.answers}
          columns={[
            { key: "answer", label: "回答", rowHeader: true, value: (a) => a.label },
            { key: "count", label: "実施主体数", numeric: true, value: (a) => a.bodies.length },
            {
              key: "bodies",
              label: "実施主体",
              value: (a) => a.bodies.map(bodyName).join("、"),
              render: (a) =>
                a.bodies.length === 0
                  ? "－"
                  : a.bodies.map((b, i) => (
                      <span key={b.code}>
                        {i > 0 ? "、" : ""}
                        <AppLink to={`/municipalities/${b.code}?fy=${fiscalYear}#cooperation-history`}>{bodyName(b)}</AppLink>
                      </span>
                    )),
            },
          ]}
        />
      ))}
    </section>
  );
}

/** The prefecture's implementing bodies without a 支援会議 in the year: a prompt for the prefecture's support, not a fault. */
export function BodiesWithoutSupportMeeting({ fiscalYear, bodies }: { fiscalYear: number; bodies: (Body & { answered: boolean })[] }) {
  return (
    <section aria-labelledby="without-meeting-title">
      <h2 id="without-meeting-title">支援会議を設置していない実施主体（{formatFiscalYear(fiscalYear)}）</h2>
      {bodies.length === 0 ? (
        <p>すべての実施主体が支援会議を設置しています。</p>
      ) : (
        <DataTable
          id="without-support-meeting"
          caption={`支援会議を設置していない・未回答の実施主体 ${formatNumber(bodies.length)}（設置は義務ではありません。支援の検討の手がかりです）`}
          fileName={`支援会議なし_${fiscalYear}.csv`}
          rows={bodies}
          columns={[
            { key: "name", label: "実施主体", rowHeader: true, value: bodyName, render: (b) => <AppLink to={`/municipalities/${b.code}?fy=${fiscalYear}#cooperation-history`}>{bodyName(b)}</AppLink> },
            { key: "answer", label: "回答", value: (b) => (b.answered ? "設置なし" : "未回答") },
          ]}
        />
      )}
    </section>
  );
}
