import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db";
import { queryRows } from "../../db/client";
import { existsOn, fiscalYearOfDateSql, fiscalYearStartSql, sqlIn, sqlTextArray, withinFiscalYear } from "../../db/queries/fragments";
import { isImplementingBodyEver, isImplementingBodyOn } from "../../db/queries/implementing-bodies";
import { fiscalYearOfDate } from "../../app/domain/fiscal-year";
import { createTestDatabase } from "../setup/database";

// The shared SQL fragments agree with their TypeScript twins (app/domain/fiscal-year) on both drivers.

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(async () => {
  await handle.close();
});

async function value<T>(expression: SQL): Promise<T> {
  const [row] = await queryRows<{ v: T }>(handle.db, sql`select ${expression} as v`);
  return row!.v;
}

const values = sql`(values ('a'), ('b'), ('c')) as t(x)`;

describe("sqlIn", () => {
  it("matches the listed values, and nothing for an empty list", async () => {
    const matching = async (list: string[]) =>
      (await queryRows<{ x: string }>(handle.db, sql`select x from ${values} where ${sqlIn("t.x", list)} order by x`)).map((r) => r.x);
    expect(await matching(["a", "c", "z"])).toEqual(["a", "c"]);
    expect(await matching([])).toEqual([]);
    expect(await value<boolean>(sqlIn(sql`2`, [1, 2, 3]))).toBe(true);
  });
});

describe("sqlTextArray", () => {
  it("unnests into the values in order", async () => {
    const rows = await queryRows<{ item: string }>(handle.db, sql`select item from unnest(${sqlTextArray(["x", "y"])}) as i(item)`);
    expect(rows.map((r) => r.item)).toEqual(["x", "y"]);
  });
});

describe("fiscal years in SQL", () => {
  it("puts a date in the fiscal year fiscalYearOfDate gives", async () => {
    for (const date of ["2022-03-31", "2022-04-01", "2021-12-31", "2022-01-01", "2020-02-29"]) {
      expect(await value<number>(fiscalYearOfDateSql(sql`${date}::date`))).toBe(fiscalYearOfDate(date));
    }
  });

  it("starts a fiscal year on 1 April and ends it on 31 March", async () => {
    expect(await value<string>(sql`${fiscalYearStartSql(sql`2021`)}::text`)).toBe("2021-04-01");
    expect(await value<boolean>(withinFiscalYear(sql`'2021-04-01'::date`, 2021))).toBe(true);
    expect(await value<boolean>(withinFiscalYear(sql`'2022-03-31'::date`, 2021))).toBe(true);
    expect(await value<boolean>(withinFiscalYear(sql`'2022-04-01'::date`, 2021))).toBe(false);
    expect(await value<boolean>(withinFiscalYear(sql`'2021-03-31'::date`, 2021))).toBe(false);
  });
});

describe("local governments on a date", () => {
  const bodies = sql`(values
      ('open',   true,  'city', '1900-01-01'::date, null::date),
      ('merged', true,  'city', '1900-01-01'::date, '2021-10-01'::date),
      ('new',    true,  'city', '2021-10-01'::date, null::date),
      ('ward',   true,  'ward', '1900-01-01'::date, null::date),
      ('town',   false, 'town', '1900-01-01'::date, null::date)
    ) as lg(code, has_welfare_office, kind, valid_from, valid_to)`;
  const codes = async (condition: SQL) =>
    (await queryRows<{ code: string }>(handle.db, sql`select code from ${bodies} where ${condition} order by code`)).map((r) => r.code);

  it("exist from valid_from up to, not including, valid_to", async () => {
    expect(await codes(existsOn("lg", "2021-04-01"))).toEqual(["merged", "open", "town", "ward"]);
    expect(await codes(existsOn("lg", "2021-10-01"))).toEqual(["new", "open", "town", "ward"]);
  });

  it("are implementing bodies with a welfare office and not a ward, on 1 April or at any time", async () => {
    expect(await codes(isImplementingBodyOn("lg", "2021-04-01"))).toEqual(["merged", "open"]);
    expect(await codes(isImplementingBodyOn("lg", "2022-04-01"))).toEqual(["new", "open"]);
    expect(await codes(isImplementingBodyEver("lg"))).toEqual(["merged", "new", "open"]);
  });
});
