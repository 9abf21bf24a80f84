import { createServer } from "node:net";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { sendReminders } from "../../app/server/reporting/reminders.server";
import { openRemindersOf } from "../../db/queries/reporting";
import { createTestDatabase } from "../setup/database";
import { loadSampleBodiesAndUsers } from "../setup/bodies";
import { month } from "../setup/monthly";
import { monthlySupportStatistics } from "../../db/schema";

// 鳥取県 on 2026-12-02 (D = 10): April–October of FY2026 are overdue. Only 鳥取県's own 郡部 submitted
// them all, so 鳥取市, 米子市, 倉吉市 and 境港市 are late for 7 months each: 28 body-months.

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on a random port; rejectRecipient refuses some addresses with a 550. */
async function startSmtp(rejectRecipient: (address: string) => boolean = () => false) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejectRecipient(address.address)) return callback(Object.assign(new Error("宛先がありません"), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The subject and text body of a message nodemailer wrote (encoded words; base64 or quoted-printable). */
function decode(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head!.replace(/\r?\n[ \t]+/g, " ");
  const subjectLine = /^Subject: (.*)$/im.exec(headers)![1]!;
  const subject = subjectLine.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === "B" ? Buffer.from(data, "base64").toString("utf8") : Buffer.from(data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
  );
  const encoding = /^Content-Transfer-Encoding: (\S+)/im.exec(headers)?.[1]?.toLowerCase();
  const body = rest.join("\n\n");
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
        : body;
  return { subject, text };
}

let handle: DatabaseHandle;
let tottoriPref: { id: number; role: "prefecture"; prefectureCode: string; localGovernmentCode: null };
const now = new Date("2026-12-02T01:00:00Z");
const context = (mail: { smtpUrl: string; from: string } | null, at = now) => ({ clientAddress: "203.0.113.9", now: at, origin: "https://tsunagu.example.go.jp", mail });

beforeAll(async () => {
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await loadSampleBodiesAndUsers(handle.db);
  await handle.db.insert(monthlySupportStatistics).values([4, 5, 6, 7, 8, 9, 10].map((m) => month("310000", 2026, m, 3)));
  await handle.db.execute(sql`update users set email = 'tottori-city@example.jp' where login_id = 'tottori-city'`);
  await handle.db.execute(
    sql`insert into users (login_id, display_name, role, prefecture_code, local_government_code, password_hash, email) values
        ('yonago-1', '米子市 福祉課', 'municipality', '31', '312029', 'x', 'yonago-1@example.jp'),
        ('yonago-2', '米子市 生活支援室', 'municipality', '31', '312029', 'x', 'yonago-2@example.jp'),
        ('kurayoshi', '倉吉市', 'municipality', '31', '312037', 'x', null)`,
  );
  // 鳥取市's staff read dates in 和暦 (ADR 027)
  await handle.db.execute(sql`update users set date_style = 'japanese' where login_id = 'tottori-city'`);
  const [pref] = await queryRows<{ id: number }>(handle.db, sql`select id from users where login_id = 'tottori-pref'`);
  tottoriPref = { id: pref!.id, role: "prefecture", prefectureCode: "31", localGovernmentCode: null };
});
afterAll(async () => {
  await handle.close();
});

describe("reminders", () => {
  it("reach the SMTP server, one message per late body to its staff, in Japanese; a second send the same day sends nothing", async () => {
    const smtp = await startSmtp();
    try {
      const mail = { smtpUrl: smtp.url, from: "つなぐ <no-reply@tsunagu.example.go.jp>" };
      const result = await sendReminders(handle.db, tottoriPref, { prefectureCode: "31", fiscalYear: 2026 }, context(mail));
      expect(result).toMatchObject({ sent: 28, alreadySentToday: 0, bodies: 4 });
      expect(result.email!.failed).toEqual([]);
      expect(result.email!.delivered.sort()).toEqual(["tottori-city@example.jp", "yonago-1@example.jp", "yonago-2@example.jp"]);
      expect(result.email!.bodiesWithoutAddress.sort()).toEqual(["倉吉市", "境港市"]);

      expect(smtp.received.map((m) => m.to.sort())).toEqual(expect.arrayContaining([["tottori-city@example.jp"], ["yonago-1@example.jp", "yonago-2@example.jp"]]));
      expect(smtp.received).toHaveLength(2);
      const yonago = decode(smtp.received.find((m) => m.to.includes("yonago-1@example.jp"))!.raw);
      expect(yonago.subject).toBe("【つなぐ】月次支援状況の提出のお願い（米子市）");
      expect(yonago.text).toContain("米子市 ご担当者様");
      expect(yonago.text).toContain("・2026年4月分（提出期限 2026年5月10日）");
      expect(yonago.text).toContain("・2026年10月分（提出期限 2026年11月10日）");
      expect(yonago.text).not.toContain("2026年11月分");
      // 鳥取市's staff chose 和暦: 2026 is 令和8年
      const tottoriCity = decode(smtp.received.find((m) => m.to.includes("tottori-city@example.jp"))!.raw);
      expect(tottoriCity.text).toContain("・令和8年4月分（提出期限 令和8年5月10日）");
      expect(tottoriCity.text).toContain("・令和8年10月分（提出期限 令和8年11月10日）");
      expect(tottoriCity.text).not.toContain("2026年");
      expect(yonago.text).toContain("https://tsunagu.example.go.jp/uploads/new/monthly_support");
      expect(yonago.text).toContain("https://tsunagu.example.go.jp/datasets/monthly_support/download?kind=template&encoding=utf-8-bom");

      const again = await sendReminders(handle.db, tottoriPref, { prefectureCode: "31", fiscalYear: 2026 }, context(mail, new Date("2026-12-02T14:59:00Z")));
      expect(again).toMatchObject({ sent: 0, alreadySentToday: 28, bodies: 0 });
      expect(smtp.received).toHaveLength(2);

      const [audit] = await queryRows<{ n: number; target: string; body_months: number }>(
        handle.db,
        sql`select count(*)::int as n, max(target) as target, max((detail->>'bodyMonths')::int) as body_months from audit_log where action = 'reminder.send'`,
      );
      expect(audit).toEqual({ n: 1, target: "31", body_months: 28 });
      const stored = await queryRows<{ email_delivered: string[] | null }>(
        handle.db,
        sql`select email_delivered from reminders where local_government_code = '312029' and year = 2026 and month = 4`,
      );
      expect(stored[0]!.email_delivered!.sort()).toEqual(["yonago-1@example.jp", "yonago-2@example.jp"]);
    } finally {
      await smtp.close();
    }
  });

  it("are shown on the body's page until the month is submitted", async () => {
    const open = await openRemindersOf(handle.db, "312029");
    expect(open.map((r) => `${r.year}-${r.month}`)).toEqual(["2026-10", "2026-9", "2026-8", "2026-7", "2026-6", "2026-5", "2026-4"]);
    expect(open[0]!.senderName).toBe("鳥取県 福祉保健課（デモ）");
    await handle.db.insert(monthlySupportStatistics).values(month("312029", 2026, 10, 2));
    expect((await openRemindersOf(handle.db, "312029")).map((r) => r.month)).not.toContain(10);
  });

  it("a server refusing a recipient, or refusing connections, is reported per address and recorded", async () => {
    const smtp = await startSmtp((address) => address === "yonago-2@example.jp");
    const nextDay = new Date("2026-12-03T01:00:00Z");
    try {
      const result = await sendReminders(handle.db, tottoriPref, { prefectureCode: "31", fiscalYear: 2026 }, context({ smtpUrl: smtp.url, from: "no-reply@example.jp" }, nextDay));
      expect(result.sent).toBe(27);
      expect(result.email!.failed.map((f) => f.address)).toEqual(["yonago-2@example.jp"]);
      expect(result.email!.delivered.sort()).toEqual(["tottori-city@example.jp", "yonago-1@example.jp"]);
    } finally {
      await smtp.close();
    }
    // a port nobody listens on: connection refused
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const later = new Date("2026-12-04T01:00:00Z");
    const refused = await sendReminders(handle.db, tottoriPref, { prefectureCode: "31", fiscalYear: 2026 }, context({ smtpUrl: `smtp://127.0.0.1:${closedPort}`, from: "no-reply@example.jp" }, later));
    expect(refused.email!.delivered).toEqual([]);
    expect(refused.email!.failed.map((f) => f.address).sort()).toEqual(["tottori-city@example.jp", "yonago-1@example.jp", "yonago-2@example.jp"]);
    expect(refused.email!.failed[0]!.reason).toMatch(/ECONNREFUSED/);
    const stored = await queryRows<{ failed: { address: string }[] }>(
      handle.db,
      sql`select email_failed as failed from reminders where local_government_code = '312011' and sent_on = '2026-12-04' and month = 4`,
    );
    expect(stored[0]!.failed.map((f) => f.address)).toEqual(["tottori-city@example.jp"]);
  });

  it("only the prefecture's own officials may send them", async () => {
    await expect(sendReminders(handle.db, { ...tottoriPref, prefectureCode: "13" }, { prefectureCode: "31", fiscalYear: 2026 }, context(null))).rejects.toThrow(/督促を送れるのは/);
  });
});
