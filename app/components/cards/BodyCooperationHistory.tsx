import { DataTable } from "~/components/ui/DataTable";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { cooperationSurveyQuestions, publicAssistanceTransferFields, publicAssistanceTransferLabels, type PublicAssistanceTransferField, type SurveyAnswer } from "~/domain/vocabulary";

const yesNo = (v: boolean | null) => (v === null ? "－" : v ? "有" : "無");

/** A body's cooperation with public assistance over the fiscal years it answered: 保護→困窮, the survey and 支援会議. */
export function BodyCooperationHistory({
  bodyName,
  transfers,
  survey,
  meetings,
}: {
  bodyName: string;
  transfers: (Record<PublicAssistanceTransferField, number> & { fiscalYear: number })[];
  survey: { fiscalYear: number; answers: SurveyAnswer[] }[];
  meetings: { fiscalYear: number; established: boolean; jusouSupportMeeting: boolean | null; multiAgencyMeeting: boolean | null }[];
}) {
  return (
    <section aria-labelledby="cooperation-history-title" id="cooperation-history">
      <h2 id="cooperation-history-title">生活保護との連携と支援会議（年度別）</h2>
      <h3>支援会議の設置状況</h3>
      {meetings.length === 0 ? (
        <p>回答はまだ登録されていません。</p>
      ) : (
        <DataTable
          id="support-meeting-history"
          caption={`${bodyName}の支援会議の設置状況（重層事業の支援会議・重層的支援会議は重層的支援体制整備事業の実施時のみ）`}
          fileName={`${bodyName}_支援会議.csv`}
          rows={meetings}
          columns={[
            { key: "fy", label: "年度", rowHeader: true, value: (m) => m.fiscalYear, render: (m) => formatFiscalYear(m.fiscalYear) },
            { key: "established", label: "支援会議（法第9条）", value: (m) => yesNo(m.established) },
            { key: "jusou", label: "重層事業の支援会議", value: (m) => yesNo(m.jusouSupportMeeting) },
            { key: "multi", label: "重層的支援会議", value: (m) => yesNo(m.multiAgencyMeeting) },
          ]}
        />
      )}
      <h3>生活保護から困窮制度へ（保護→困窮）</h3>
      {transfers.length === 0 ? (
        <p>回答はまだ登録されていません。</p>
      ) : (
        <DataTable
          id="transfers-history"
          caption={`${bodyName}の保護廃止後の移行ケース数と福祉事務所からのつなぎ`}
          fileName={`${bodyName}_保護から困窮.csv`}
          rows={transfers}
          columns={[
            { key: "fy", label: "年度", rowHeader: true, value: (t) => t.fiscalYear, render: (t) => formatFiscalYear(t.fiscalYear) },
            ...publicAssistanceTransferFields.map((f) => ({ key: f, label: publicAssistanceTransferLabels[f], numeric: true, value: (t: (typeof transfers)[number]) => t[f] })),
          ]}
        />
      )}
      <h3>生活保護との連携に関する調査（複数回答）</h3>
      {survey.length === 0 ? (
        <p>回答はまだ登録されていません。</p>
      ) : (
        <DataTable
          id="survey-history"
          caption={`${bodyName}の連携強化に必要な取組と移行にあたっての課題`}
          fileName={`${bodyName}_連携調査.csv`}
          rows={survey}
          columns={[
            { key: "fy", label: "年度", rowHeader: true, value: (s) => s.fiscalYear, render: (s) => formatFiscalYear(s.fiscalYear) },
            ...cooperationSurveyQuestions.map((q) => ({
              key: q.key,
              label: q.label,
              value: (s: (typeof survey)[number]) => s.answers.filter((a) => (q.answers as readonly string[]).includes(a)).map((a) => q.labels[a]).join("、"),
            })),
          ]}
        />
      )}
    </section>
  );
}
