import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDatabaseHandle, queryRows, type DatabaseHandle } from "../../db";
import { monthlySupportStatistics, supervisionContacts } from "../../db/schema";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureListLoader } from "../../app/routes/prefectures._index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as submissionsLoader } from "../../app/routes/prefectures.$code_.submissions";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as compareLoader } from "../../app/routes/compare";
import { loader as nationalSupervisionLoader } from "../../app/routes/supervision";
import { loader as nationalTrainingLoader } from "../../app/routes/training";
import { loader as nationalSupportLoader } from "../../app/routes/support";
import { loader as nationalJusouLoader } from "../../app/routes/jusou";
import { loader as nationalCooperationLoader } from "../../app/routes/cooperation";
import { loader as supervisionLoader } from "../../app/routes/prefectures.$code_.supervision";
import { loader as trainingLoader } from "../../app/routes/prefectures.$code_.training";
import { loader as supportLoader } from "../../app/routes/prefectures.$code_.support";
import { loader as jusouLoader } from "../../app/routes/prefectures.$code_.jusou";
import { loader as cooperationLoader } from "../../app/routes/prefectures.$code_.cooperation";
import { loader as datasetLoader } from "../../app/routes/datasets.$dataset";
import { seedDemo } from "../../seeds/demo";
import { createTestDatabase } from "../setup/database";
import { demoSessionCookies } from "../setup/login";
import { month } from "../setup/monthly";
import { callRoute } from "../setup/routes";

// The current period on every page, with the clock set to 2 December 2026 (令和8年度, April–November
// due). The demo dataset ends with FY2025, so FY2026 has no data until this file adds some.

// the implementing bodies of 鳥取県 in the demo: the prefecture (its 郡部) and its four cities
const TOTTORI_BODIES = 5;
const roles = ["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"] as const;
type Role = (typeof roles)[number];
let handle: DatabaseHandle;
let cookies: Record<string, string> = {};
const savedToday = process.env.TSUNAGU_TODAY;

beforeAll(async () => {
  process.env.TSUNAGU_TODAY = "2026-12-02";
  handle = await createTestDatabase();
  installDatabaseHandle(handle);
  await seedDemo(handle.db);
  cookies = await demoSessionCookies(roles);
});
afterAll(async () => {
  if (savedToday === undefined) delete process.env.TSUNAGU_TODAY;
  else process.env.TSUNAGU_TODAY = savedToday;
  await handle.close();
});

const p = (code: string) => ({ code });
type Page = { fn: unknown; url: string; params?: Record<string, string>; roles?: readonly Role[]; figures?: true };
// every page a role may open, asked for FY2026 (or its months); `figures`: the page shows one fiscal year
const pages: Record<string, Page> = {
  national: { fn: nationalLoader, url: "/?fy=2026", figures: true },
  prefectureList: { fn: prefectureListLoader, url: "/prefectures?fy=2026" },
  prefecture: { fn: prefectureLoader, url: "/prefectures/31?fy=2026", params: p("31"), figures: true },
  municipality: { fn: municipalityLoader, url: "/municipalities/312011?fy=2026", params: p("312011"), roles: ["mhlw", "tottori-pref", "tottori-city"], figures: true },
  compare: { fn: compareLoader, url: "/compare?prefectures=31,13" },
  nationalSupervision: { fn: nationalSupervisionLoader, url: "/supervision?fy=2026", figures: true },
  nationalTraining: { fn: nationalTrainingLoader, url: "/training?fy=2026", figures: true },
  nationalSupport: { fn: nationalSupportLoader, url: "/support?from=2025&to=2026" },
  nationalJusou: { fn: nationalJusouLoader, url: "/jusou?fy=2026", figures: true },
  nationalCooperation: { fn: nationalCooperationLoader, url: "/cooperation?fy=2026", figures: true },
  supervision: { fn: supervisionLoader, url: "/prefectures/31/supervision?fy=2026", params: p("31"), figures: true },
  training: { fn: trainingLoader, url: "/prefectures/31/training?fy=2026", params: p("31"), figures: true },
  support: { fn: supportLoader, url: "/prefectures/31/support?fy=2026", params: p("31"), figures: true },
  jusou: { fn: jusouLoader, url: "/prefectures/31/jusou?fy=2026", params: p("31"), figures: true },
  cooperation: { fn: cooperationLoader, url: "/prefectures/31/cooperation?fy=2026", params: p("31"), figures: true },
  submissions: { fn: submissionsLoader, url: "/prefectures/31/submissions?month=2026-11", params: p("31"), roles: ["mhlw", "tottori-pref"] },
  dataset: { fn: datasetLoader, url: "/datasets/monthly_support?fy=2026", params: { dataset: "monthly_support" } },
};

type Period = { fiscalYear: number; label: string; hasData: boolean; monthsDue: number; current: { fiscalYear: number; label: string } };
const open = (page: Page, role: Role) => callRoute(page.fn, { url: page.url, params: page.params, cookie: cookies[role] });

describe("the current fiscal year on every page", () => {
  it("answers 200 for each role with FY2026 shown, marked partial, and offered in the selector", async () => {
    for (const [name, page] of Object.entries(pages)) {
      for (const role of page.roles ?? roles) {
        const result = await open(page, role);
        expect(result.status, `${name} as ${role}`).toBe(200);
        if (!page.figures) continue;
        const data = result.data as { fiscalYear: number; fiscalYears: number[]; period: Period };
        expect(data.fiscalYear, `${name} as ${role}`).toBe(2026);
        expect(data.fiscalYears[0], `${name} as ${role}`).toBe(2026);
        expect(data.period, `${name} as ${role}`).toMatchObject({ fiscalYear: 2026, label: "令和8年度（4〜11月分）", monthsDue: 8, current: { fiscalYear: 2026, label: "令和8年度（4〜11月分）" } });
      }
    }
  });

  it("says FY2026 has no monthly figures yet, opens on FY2025 by default, and expects nothing not yet due", async () => {
    const national = (await open(pages.national!, "mhlw")).data as { period: Period; national: { bodies: number; expectedMonths: number; submittedMonths: number } };
    expect(national.period.hasData).toBe(false);
    expect(national.national.submittedMonths).toBe(0);
    expect(national.national.expectedMonths).toBe(national.national.bodies * 8);
    const city = (await callRoute(municipalityLoader, { url: "/municipalities/312011", params: p("312011"), cookie: cookies["tottori-city"] })).data as { fiscalYear: number; period: Period };
    expect(city.fiscalYear).toBe(2025);
    expect(city.period).toMatchObject({ label: "令和7年度", hasData: true, monthsDue: 12 });
    const empty = (await open(pages.municipality!, "tottori-city")).data as { months: unknown[]; monthsDue: number; missingMonths: unknown[]; period: Period };
    expect(empty.period.hasData).toBe(false);
    expect(empty.months).toEqual([]);
    // April–October are past their deadline (day 10 of the next month); November is due on 10 December
    expect(empty.monthsDue).toBe(7);
    expect(empty.missingMonths).toHaveLength(7);
  });

  it("still falls back for a year after the current one", async () => {
    const result = await callRoute(prefectureLoader, { url: "/prefectures/31?fy=2027", params: p("31"), cookie: cookies.mhlw });
    expect(result.status).toBe(200);
    expect((result.data as { fiscalYear: number }).fiscalYear).toBe(2025);
  });
});

describe("a partial year", () => {
  beforeAll(async () => {
    // 鳥取市 submits April–October 2026; November is due on 10 December, December–March later
    await handle.db.insert(monthlySupportStatistics).values([4, 5, 6, 7, 8, 9, 10].map((m) => month("312011", 2026, m, 150)));
  });

  it("opens on FY2026, counts November as missing only after its deadline, and covers 8 months of each body", async () => {
    const city = (await callRoute(municipalityLoader, { url: "/municipalities/312011", params: p("312011"), cookie: cookies["tottori-city"] })).data as {
      fiscalYear: number;
      period: Period;
      months: unknown[];
      missingMonths: { year: number; month: number }[];
    };
    expect(city.fiscalYear).toBe(2026);
    expect(city.period).toMatchObject({ label: "令和8年度（4〜11月分）", hasData: true });
    expect(city.months).toHaveLength(7);
    expect(city.missingMonths).toEqual([]);
    process.env.TSUNAGU_TODAY = "2026-12-11";
    try {
      const late = (await callRoute(municipalityLoader, { url: "/municipalities/312011", params: p("312011"), cookie: cookies["tottori-city"] })).data as { monthsDue: number; missingMonths: unknown[] };
      expect(late.monthsDue).toBe(8);
      expect(late.missingMonths).toEqual([{ year: 2026, month: 11 }]);
    } finally {
      process.env.TSUNAGU_TODAY = "2026-12-02";
    }

    const prefecture = (await callRoute(prefectureLoader, { url: "/prefectures/31?fy=2026", params: p("31"), cookie: cookies["tottori-pref"] })).data as {
      bodies: { code: string; submittedMonths: number; expectedMonths: number }[];
    };
    expect(prefecture.bodies.find((b) => b.code === "312011")).toMatchObject({ submittedMonths: 7, expectedMonths: 8 });
    expect(prefecture.bodies.find((b) => b.code === "312029")).toMatchObject({ submittedMonths: 0, expectedMonths: 8 });
  });

  it("lands each official on their work: the prefecture's late bodies and months to confirm, the body's month now due", async () => {
    type Work = { month: string; deadline: string; deadlinePassed: boolean; bodiesWithoutMonth: number; overdueBodyMonths: number; overdueBodies: number; toConfirm: number; returned: number };
    const open31 = async (role: Role) => (await callRoute(prefectureLoader, { url: "/prefectures/31", params: p("31"), cookie: cookies[role] })).data as { work: Work | null; bodies: unknown[] };
    const own = await open31("tottori-pref");
    const bodies = own.bodies.length;
    expect(bodies).toBe(TOTTORI_BODIES);
    // nobody has November (due 10 December); 鳥取市 has April–October, the others nothing: 7 overdue months each
    expect(own.work).toEqual({ month: "2026-11", deadline: "2026-12-10", deadlinePassed: false, bodiesWithoutMonth: bodies, overdueBodyMonths: (bodies - 1) * 7, overdueBodies: bodies - 1, toConfirm: 0, returned: 0 });
    expect((await open31("mhlw")).work).toBeNull();
    expect((await open31("tokyo-pref")).work).toBeNull();

    type Status = { reportingStatus: { month: string; deadline: string; state: string } | null };
    const openCity = async (role: Role) => (await callRoute(municipalityLoader, { url: "/municipalities/312011", params: p("312011"), cookie: cookies[role] })).data as Status;
    expect((await openCity("tottori-city")).reportingStatus).toEqual({ month: "2026-11", deadline: "2026-12-10", state: "not_yet_due" });
    expect((await openCity("tottori-pref")).reportingStatus).toBeNull();
    process.env.TSUNAGU_TODAY = "2026-12-11";
    try {
      expect((await openCity("tottori-city")).reportingStatus).toEqual({ month: "2026-11", deadline: "2026-12-10", state: "not_submitted" });
      expect((await open31("tottori-pref")).work).toMatchObject({ deadlinePassed: true, overdueBodyMonths: (bodies - 1) * 7 + bodies, overdueBodies: bodies });
    } finally {
      process.env.TSUNAGU_TODAY = "2026-12-02";
    }
  });

  it("at the April boundary: no month of FY2026 is due, FY2025's March is due on 10 April", async () => {
    process.env.TSUNAGU_TODAY = "2026-04-01";
    try {
      const fy2026 = (await callRoute(municipalityLoader, { url: "/municipalities/312011?fy=2026", params: p("312011"), cookie: cookies["tottori-city"] })).data as { monthsDue: number; missingMonths: unknown[]; period: Period };
      expect(fy2026.monthsDue).toBe(0);
      expect(fy2026.missingMonths).toEqual([]);
      expect(fy2026.period.label).toBe("令和8年度（締めた月はまだありません）");
      // 鳥取市 without January–March 2026: exactly those three of FY2025's twelve months are missing
      await handle.db.delete(monthlySupportStatistics).where(and(eq(monthlySupportStatistics.localGovernmentCode, "312011"), eq(monthlySupportStatistics.year, 2026), sql`${monthlySupportStatistics.month} <= 3`));
      const fy2025 = (await callRoute(municipalityLoader, { url: "/municipalities/312011?fy=2025", params: p("312011"), cookie: cookies["tottori-city"] })).data as { monthsDue: number; months: unknown[]; missingMonths: { year: number; month: number }[] };
      expect(fy2025.monthsDue).toBe(11);
      expect(fy2025.missingMonths.filter((m) => m.year === 2026)).toEqual([1, 2].map((m) => ({ year: 2026, month: m })));
      process.env.TSUNAGU_TODAY = "2026-04-11";
      const closed = (await callRoute(municipalityLoader, { url: "/municipalities/312011?fy=2025", params: p("312011"), cookie: cookies["tottori-city"] })).data as { monthsDue: number; months: unknown[]; missingMonths: { year: number; month: number }[] };
      expect(closed.monthsDue).toBe(12);
      expect(closed.missingMonths.filter((m) => m.year === 2026)).toEqual([1, 2, 3].map((m) => ({ year: 2026, month: m })));
      expect(closed.missingMonths).toHaveLength(12 - closed.months.length);
    } finally {
      process.env.TSUNAGU_TODAY = "2026-12-02";
    }
  });
});

describe("latest facts whatever year is shown", () => {
  it("shows a body's last supervision contact of 2026-12-01 on the prefecture page of FY2025", async () => {
    const [before] = await queryRows<{ last: string | null }>(handle.db, sql`select max(contacted_on)::text as last from supervision_contacts where local_government_code = '312011'`);
    expect(before!.last! < "2026-04-01").toBe(true);
    await handle.db.insert(supervisionContacts).values({ prefectureCode: "31", localGovernmentCode: "312011", contactedOn: "2026-12-01", form: "visit", content: "今月の訪問" });
    for (const fy of [2025, 2023]) {
      const data = (await callRoute(prefectureLoader, { url: `/prefectures/31?fy=${fy}`, params: p("31"), cookie: cookies["tottori-pref"] })).data as { bodies: { code: string; lastContact: string | null }[] };
      expect(data.bodies.find((b) => b.code === "312011")!.lastContact, `FY${fy}`).toBe("2026-12-01");
    }
  });
});
