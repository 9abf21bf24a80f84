import type { Database } from "../../db";
import { listReviewQueue } from "../../db/queries/approval";
import { yearMonthKey } from "~/domain/reporting";

/** The prefecture's body-months to confirm (提出済（未確認）) and those returned to their bodies (差戻し). */
export async function loadReviewQueue(db: Database, prefectureCode: string) {
  const rows = (await listReviewQueue(db, prefectureCode)).map((r) => ({ ...r, href: `/municipalities/${r.localGovernmentCode}/review/${yearMonthKey(r)}` }));
  return { toConfirm: rows.filter((r) => r.state === "submitted"), returned: rows.filter((r) => r.state === "returned") };
}
