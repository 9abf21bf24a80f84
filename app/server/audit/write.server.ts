// The only writer of the audit log (ADR 010): every action the app records is named here, and every
// entry states its client address, null only where there is no request (the CLI, the built-in master).
import type { Database } from "../../../db/client";
import { recordAudit } from "../../../db/queries/audit";

export type AuditAction =
  | "login.succeeded"
  | "login.failed"
  | "login.locked"
  | "password.change"
  | "password.change_failed"
  | "account.date_style"
  | "upload.stage"
  | "upload.commit"
  | "upload.discard"
  | "upload.revert"
  | "review.confirm"
  | "review.return"
  | "review.reopen"
  | "master.import"
  | "supervision.create"
  | "supervision.update"
  | "supervision.delete"
  | "training_session.create"
  | "training_session.update"
  | "training_session.delete"
  | "prefecture_support.update"
  | "user.create"
  | "user.deactivate"
  | "user.activate"
  | "user.password_reset"
  | "reporting_schedule.update"
  | "reminder.send"
  | "worklist.resolve"
  | "body_list.create"
  | "body_list.update"
  | "body_list.delete"
  | "api_token.create"
  | "api_token.revoke"
  | "api_token.use";

export type AuditWrite = {
  action: AuditAction;
  /** who acted; null for the system (the built-in master, a CLI run, an unknown login id) */
  userId: number | null;
  clientAddress: string | null;
  target?: string | null;
  detail?: unknown;
};

/** Writes one entry, inside the caller's transaction when given one. */
export async function writeAudit(db: Database, entry: AuditWrite): Promise<void> {
  await recordAudit(db, entry);
}
