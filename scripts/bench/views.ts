// npm run bench:views — loader latency of /, /prefectures/13, a municipality, 東京都's submissions, the national completeness page and
// the prefecture officials' landing pages with their worklist (鳥取県, 東京都) on a national dataset, on PostgreSQL and PGlite, next to
// the same SQL replayed directly on the driver.
import type postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { installDatabaseHandle, type Database } from "../../db";
import { action as loginAction } from "../../app/routes/login";
import { loader as nationalLoader } from "../../app/routes/_index";
import { loader as prefectureLoader } from "../../app/routes/prefectures.$code";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as submissionsLoader } from "../../app/routes/prefectures.$code_.submissions";
import { loader as completenessLoader } from "../../app/routes/completeness";
import { loader as nationalFunnelLoader } from "../../app/routes/compare_.funnel";
import { nationalBodyFunnel } from "../../app/routes/compare_.funnel.server";
import { fiscalYearTotalsByBody, totalsByPrefecture } from "../../db/queries/support-statistics";
import { demoPassword } from "../../seeds/demo-users";
import { loadWorklist } from "../../app/server/worklist/worklist.server";
import { defaultWorklistSettings } from "../../app/domain/worklist";
import { pageToday } from "../../app/server/pages/today.server";
import { describePageJavaScript, indexJavaScript } from "../bundle-size";
import { benchDatabases, fmt, loadNationalDataset, percentile } from "./common";

const runs = Number(process.env.BENCH_RUNS ?? 40);

type Captured = { query: string; params: unknown[] };

async function replay(db: Database, statements: Captured[]): Promise<void> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) {
    for (const s of statements) await client.query(s.query, s.params as never[]);
    return;
  }
  await Promise.all(statements.map((s) => (client as postgres.Sql).unsafe(s.query, s.params as never[])));
}

const results: string[][] = [];
const intervalLines: string[] = [];
for (const target of await benchDatabases()) {
  const handle = await target.open();
  try {
    await loadNationalDataset(handle, target.name);

    // Capture the SQL each loader sends, by wrapping the driver's query path once.
    const captured: Captured[] = [];
    let capturing = false;
    const dialectDb = handle.db as unknown as { session: { prepareQuery: (...args: unknown[]) => unknown } };
    const original = dialectDb.session.prepareQuery.bind(dialectDb.session);
    dialectDb.session.prepareQuery = (...args: unknown[]) => {
      const q = args[0] as { sql: string; params: unknown[] };
      if (capturing) captured.push({ query: q.sql, params: q.params });
      return original(...args);
    };
    installDatabaseHandle(handle);
    const cookies: Record<string, string> = {};
    for (const loginId of ["mhlw", "tottori-pref", "tokyo-pref"]) {
      const login = (await loginAction({
        request: new Request("http://bench/login", { method: "POST", body: new URLSearchParams({ loginId, password: demoPassword }) }),
        params: {},
        context: {},
      })) as Response;
      cookies[loginId] = login.headers.get("Set-Cookie")!.split(";")[0]!;
    }
    // the worklist alone, as the landing page's loader calls it (today: every body is late with the current year's months)
    const worklistOnly = (code: string) => () => loadWorklist(handle.db, code, pageToday(), defaultWorklistSettings);

    type Page = { name: string; loader: unknown; url: string; params: Record<string, string>; as?: string; direct?: () => Promise<unknown> };
    const pages: Page[] = [
      { name: "/", loader: nationalLoader, url: "/?fy=2024", params: {} },
      { name: "/prefectures/13", loader: prefectureLoader, url: "/prefectures/13?fy=2024", params: { code: "13" } },
      { name: "/municipalities/131041", loader: municipalityLoader, url: "/municipalities/131041?fy=2024", params: { code: "131041" } },
      // the reporting cycle (issue 16): 東京都's body × month matrix and the national ranking, on FY2025 (the dataset's last year)
      { name: "/prefectures/13/submissions", loader: submissionsLoader, url: "/prefectures/13/submissions?month=2026-03", params: { code: "13" } },
      { name: "/completeness", loader: completenessLoader, url: "/completeness?fy=2025&month=2026-03", params: {} },
      // the prefecture officials' landing pages with their worklist (issue 17), and the worklist alone
      { name: "/prefectures/31 as 鳥取県 (landing + worklist)", loader: prefectureLoader, url: "/prefectures/31?fy=2024", params: { code: "31" }, as: "tottori-pref" },
      { name: "/prefectures/13 as 東京都 (landing + worklist)", loader: prefectureLoader, url: "/prefectures/13?fy=2024", params: { code: "13" }, as: "tokyo-pref" },
      { name: "worklist of 鳥取県", loader: null, url: "", params: {}, direct: worklistOnly("31") },
      { name: "worklist of 東京都", loader: null, url: "", params: {}, direct: worklistOnly("13") },
      // issue 17: every implementing body of the nation in one funnel plot
      { name: "/compare/funnel", loader: nationalFunnelLoader, url: "/compare/funnel?fy=2024", params: {} },
    ];
    for (const page of pages) {
      const call = () =>
        page.direct
          ? page.direct()
          : (page.loader as (a: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>)({
              request: new Request(`http://bench${page.url}`, { headers: { Cookie: cookies[page.as ?? "mhlw"]! } }),
              params: page.params,
              context: {},
            });
      captured.length = 0;
      capturing = true;
      await call();
      capturing = false;
      const statements = captured.filter((c) => !/from "sessions"|from "app_meta"/.test(c.query));
      for (let i = 0; i < 3; i++) {
        await call();
        await replay(handle.db, statements);
      }
      const loaderTimes: number[] = [];
      const sqlTimes: number[] = [];
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        await call();
        loaderTimes.push(performance.now() - t);
        t = performance.now();
        await replay(handle.db, statements);
        sqlTimes.push(performance.now() - t);
      }
      const p95Loader = percentile(loaderTimes, 95);
      const p95Sql = percentile(sqlTimes, 95);
      results.push([
        target.name,
        page.name,
        String(statements.length),
        fmt(percentile(loaderTimes, 50), 1),
        fmt(p95Loader, 1),
        fmt(percentile(sqlTimes, 50), 1),
        fmt(p95Sql, 1),
        `${fmt(p95Loader / p95Sql, 2)}×`,
      ]);
    }
    dialectDb.session.prepareQuery = original;

    // issue 17: the intervals, labels and funnel limits of every implementing body, in memory (target < 20 ms)
    const [bodies, areas] = await Promise.all([fiscalYearTotalsByBody(handle.db, 2024), totalsByPrefecture(handle.db, 2024)]);
    const nation = areas.find((a) => a.prefectureCode === null)!;
    for (let i = 0; i < 5; i++) nationalBodyFunnel("newConsultations", bodies, nation);
    const intervalTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      nationalBodyFunnel("newConsultations", bodies, nation);
      nationalBodyFunnel("employmentOrIncomeRate", bodies, nation);
      intervalTimes.push(performance.now() - t);
    }
    intervalLines.push(
      `${target.name}: intervals, labels and funnel limits of ${bodies.length} implementing bodies × 2 figures: p50 ${fmt(percentile(intervalTimes, 50), 2)} ms, p95 ${fmt(percentile(intervalTimes, 95), 2)} ms (target < 20 ms)`,
    );
  } finally {
    await handle.close();
  }
}

console.log(`\nbench:views — national dataset, ${runs} runs each (p50/p95 in ms); reference = the loader's SQL replayed on the driver`);
console.log(["database", "page", "queries", "loader p50", "loader p95", "SQL p50", "SQL p95", "p95 ratio"].join("\t"));
for (const r of results) console.log(r.join("\t"));
console.log("");
for (const line of intervalLines) console.log(line);

// Page weight: the JavaScript a browser downloads for "/" (scripts/bundle-size.ts).
try {
  console.log(`\nJavaScript for "/": ${describePageJavaScript(indexJavaScript())}`);
} catch (error) {
  console.log(`\nJavaScript for "/": run \`npm run build\` first (${(error as Error).message})`);
}
