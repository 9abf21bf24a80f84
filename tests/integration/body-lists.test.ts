import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../db";
import { monthlySupportStatistics, populations } from "../../db/schema";
import { action as listsAction, loader as listsLoader } from "../../app/routes/lists._index";
import { action as listAction, loader as listLoader } from "../../app/routes/lists.$id";
import { loader as municipalityLoader } from "../../app/routes/municipalities.$code";
import { loader as compareLoader } from "../../app/routes/compare";
import { routeTestDatabase } from "../setup/route-database";
import { callRoute } from "../setup/routes";
import { month } from "../setup/monthly";

// Users' named lists of bodies (ADR 025): create, share by URL within scope, the list's aggregate as a
// comparator, edit and delete by the owner only, each audited.

const ctx = routeTestDatabase(["mhlw", "tottori-pref", "tokyo-pref", "tottori-city"]);
const { cookies } = ctx;
const create = (loginId: string, form: Record<string, string>) => callRoute(listsAction, { url: "/lists", cookie: cookies[loginId], form });
const open = (loginId: string, id: number, query = "") => callRoute(listLoader, { url: `/lists/${id}${query}`, params: { id: String(id) }, cookie: cookies[loginId] });
const post = (loginId: string, id: number, form: Record<string, string>) => callRoute(listAction, { url: `/lists/${id}`, params: { id: String(id) }, cookie: cookies[loginId], form });
const audit = (action: string) => queryRows<{ target: string; detail: { name: string; members: number } }>(ctx.handle.db, sql`select target, detail from audit_log where action = ${action} order by id`);
let listId = 0;

describe("named lists of bodies", () => {
  it("are created by a prefecture official from their own bodies, audited", async () => {
    const { db } = ctx.handle;
    // populations in force from 2026-01-01, then figures of FY2026 (the fiscal-year totals follow by trigger)
    await db.insert(populations).values([
      { localGovernmentCode: "312011", asOf: "2026-01-01", population: 100_000 },
      { localGovernmentCode: "312029", asOf: "2026-01-01", population: 50_000 },
    ]);
    await db.insert(monthlySupportStatistics).values([month("312011", 2026, 4, 30), month("312011", 2026, 5, 50), month("312029", 2026, 4, 35)]);

    const created = await create("tottori-pref", { name: "県内の市（一部）", members: "312011\n312029" });
    expect(created.status).toBe(302);
    listId = Number(created.location!.match(/^\/lists\/(\d+)\?saved=created$/)![1]);
    expect(await audit("body_list.create")).toEqual([{ target: String(listId), detail: expect.objectContaining({ name: "県内の市（一部）", members: 2 }) }]);
    const mine = await callRoute(listsLoader, { url: "/lists", cookie: cookies["tottori-pref"] });
    expect((mine.data as { lists: unknown[] }).lists).toEqual([{ id: listId, name: "県内の市（一部）", members: 2, updatedAt: expect.any(String) }]);
  });

  it("show the list's aggregate as Σcounts ÷ Σpopulation-months, not the mean of its bodies", async () => {
    // 新規相談/10万人・月: (30 + 50 + 35) ÷ (100,000 × 2 + 50,000 × 1) × 100,000 = 115 ÷ 250,000 × 100,000 = 46.0
    // (鳥取市 alone 80 ÷ 200,000 × 100,000 = 40.0, 米子市 35 ÷ 50,000 × 100,000 = 70.0; their mean would be 55.0)
    const page = await open("tottori-pref", listId, "?fy=2026");
    const d = page.data as { isOwner: boolean; figures: { aggregate: { newConsultations: number; submittedMonths: number }; members: { code: string; newConsultations: number | null }[] } };
    expect(d.isOwner).toBe(true);
    expect(d.figures.aggregate.newConsultations).toBeCloseTo(46.0, 10);
    expect(d.figures.aggregate.submittedMonths).toBe(3);
    expect(d.figures.members.map((m) => [m.code, m.newConsultations])).toEqual([
      ["312011", 40],
      ["312029", 70],
    ]);

    const body = await callRoute(municipalityLoader, { url: `/municipalities/312011?fy=2026&list=${listId}`, params: { code: "312011" }, cookie: cookies["tottori-pref"] });
    const c = (body.data as { comparator: { selected: { aggregate: { newConsultations: number }; members: { code: string }[] }; body: { newConsultations: number } } }).comparator;
    expect(c.body.newConsultations).toBeCloseTo(40, 10);
    expect(c.selected.aggregate.newConsultations).toBeCloseTo(46, 10);
    expect(c.selected.members.map((m) => m.code)).toEqual(["312011", "312029"]);

    const compare = await callRoute(compareLoader, { url: `/compare?list=${listId}&metric=newConsultations`, cookie: cookies["tottori-pref"] });
    const cmp = compare.data as { series: { key: string; label: string }[]; rows: Record<string, number | null>[] };
    expect(cmp.series).toEqual([{ key: `l${listId}`, label: "県内の市（一部）（2団体）" }]);
    expect(cmp.rows.find((r) => r.fiscalYear === 2026)![`l${listId}`]).toBeCloseTo(46, 10);
  });

  it("are shared by URL only with users who may see every body, with a clear refusal otherwise", async () => {
    expect((await open("mhlw", listId)).status).toBe(200);
    expect((await open("mhlw", listId)).data).toMatchObject({ isOwner: false });
    const city = await open("tottori-city", listId);
    expect(city.status).toBe(403);
    const tokyo = await open("tokyo-pref", listId);
    expect(tokyo.status).toBe(403);
    // the refusal of a comparator: a message on the page, never part of the list
    const compare = await callRoute(compareLoader, { url: `/compare?list=${listId}`, cookie: cookies["tottori-city"] });
    expect(compare.data).toMatchObject({ selectedList: null, series: [], listRefusal: "この比較リストには、あなたの権限では見られない実施主体が1団体含まれているため、開けません（一部だけを表示することはしません）。作成者（鳥取県 福祉保健課（デモ））に確認してください" });
    expect((await open("mhlw", 999_999)).status).toBe(404);
  });

  it("refuse bad members with a message per entry and bodies beyond the user's scope", async () => {
    const bad = await create("tottori-pref", { name: "混在", members: "312011, 31201, 131016, 313289" });
    expect(bad.status).toBe(400);
    expect((bad.data as { errors: string[] }).errors).toEqual([
      "2番目の「31201」: 自治体コードは6桁の数字（検査数字を含む）で入力してください",
      "「131016」（東京都千代田区）: あなたの権限では見られない実施主体です",
      "「313289」: 実施主体（福祉事務所設置自治体）の自治体コードではありません",
    ]);
    expect((await create("tottori-pref", { name: "県内の市（一部）", members: "312037" })).data).toEqual({ errors: ["同じ名前の比較リスト「県内の市（一部）」がすでにあります"], values: expect.any(Object) });
    expect((await create("tottori-pref", { name: " ", members: "" })).data).toMatchObject({ errors: ["リスト名を入力してください", "実施主体の自治体コードを1つ以上入力してください"] });
    // municipal staff may list only their own body
    expect((await create("tottori-city", { name: "隣の市", members: "312029" })).status).toBe(400);
  });

  it("are renamed, edited and deleted by their owner only, each audited", async () => {
    expect((await post("mhlw", listId, { intent: "update", name: "乗っ取り", members: "312011" })).status).toBe(403);
    expect((await post("mhlw", listId, { intent: "delete", confirmed: "yes" })).status).toBe(403);
    expect(await post("tottori-pref", listId, { intent: "update", name: "県内の市", members: "312011 312029 312037 312045" })).toMatchObject({ status: 302, location: `/lists/${listId}?saved=updated` });
    expect(await audit("body_list.update")).toEqual([{ target: String(listId), detail: expect.objectContaining({ name: "県内の市", previousName: "県内の市（一部）", members: 4 }) }]);
    expect((await open("tottori-pref", listId)).data).toMatchObject({ list: { name: "県内の市" }, members: "312011\n312029\n312037\n312045" });
    // deleting asks for confirmation first
    expect((await post("tottori-pref", listId, { intent: "delete" })).status).toBe(400);
    expect(await post("tottori-pref", listId, { intent: "delete", confirmed: "yes" })).toMatchObject({ status: 302, location: "/lists?deleted=1" });
    expect(await audit("body_list.delete")).toEqual([{ target: String(listId), detail: expect.objectContaining({ name: "県内の市", members: 4 }) }]);
    expect((await open("tottori-pref", listId)).status).toBe(404);
  });
});
