import { MonthlyUploadLinks } from "~/components/ui/MonthlyUploadLinks";
import { useFormat } from "~/components/shell/format-context";

export type OpenReminder = { year: number; month: number; sentAt: string; senderName: string | null };

/** The prefecture's reminders about months still without figures, with the way to submit them. */
export function ReminderNotice({ reminders }: { reminders: OpenReminder[] }) {
  const format = useFormat();
  if (reminders.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="reminder-title">
      <h2 id="reminder-title">月次支援状況の提出の督促があります</h2>
      <ul>
        {reminders.map((r) => (
          <li key={`${r.year}-${r.month}`}>
            {format.reportingMonth(r)}（{format.dateTime(r.sentAt)}
            {r.senderName ? `、${r.senderName}から` : ""}）
          </li>
        ))}
      </ul>
      <MonthlyUploadLinks />
    </section>
  );
}
