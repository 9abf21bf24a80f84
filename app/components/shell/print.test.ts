import { describe, expect, it } from "vitest";
import { formattersFor } from "~/domain/format";
import { defaultPrintSource, printStampContent, type PrintHandle } from "./print";

const western = formattersFor("western");

describe("printStampContent", () => {
  it("reads the filters and data date from the fields the page's loader already returns", () => {
    const matches = [{ id: "root", data: { user: null } }, { data: { fiscalYear: 2025, metric: "newConsultations", month: "2026-11", dataDate: "2026-12-01T03:00:00Z" } }];
    expect(printStampContent(matches, western)).toEqual({
      filters: [
        { label: "年度", value: "令和7年度（2025）" },
        { label: "指標", value: "新規相談受付件数（人口10万人あたり月平均）" },
        { label: "対象月", value: "2026年11月分" },
      ],
      dataDate: "2026-12-01T03:00:00Z",
      source: defaultPrintSource,
      landscape: false,
    });
    // 和暦: the month of the filter follows the user's style
    expect(printStampContent(matches, formattersFor("japanese")).filters[2]).toEqual({ label: "対象月", value: "令和8年11月分" });
  });

  it("adds what the route's handle declares: more filters, its source, landscape", () => {
    const handle: PrintHandle = { print: { filters: (data) => [{ label: "期間", value: String((data as { from: string }).from) }], source: "スーパーバイズ記録", landscape: true } };
    expect(printStampContent([{ data: {} }, { handle, data: { from: "2026年4月1日から" } }], western)).toEqual({
      filters: [{ label: "期間", value: "2026年4月1日から" }],
      dataDate: null,
      source: "スーパーバイズ記録",
      landscape: true,
    });
  });

  it("prints no filters for the root alone or for data it does not know", () => {
    expect(printStampContent([{ data: { fiscalYear: 2025 } }], western).filters).toEqual([]);
    expect(printStampContent([{ data: null }, { data: { metric: "unknown", month: "2026-13-01" } }], western).filters).toEqual([]);
  });
});
