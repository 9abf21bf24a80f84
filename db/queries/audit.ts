import type { Database } from "../client";
import { auditLog } from "../schema";

export type AuditEntry = {
  userId: number | null;
  action: string;
  target?: string | null;
  detail?: unknown;
  clientAddress?: string | null;
};

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    userId: entry.userId,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? null,
    clientAddress: entry.clientAddress ?? null,
  });
}
