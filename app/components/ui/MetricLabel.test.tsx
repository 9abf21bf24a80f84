import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { MetricLabel } from "./MetricLabel";

const render = (element: React.ReactElement) => renderToString(<StaticRouter location="/">{element}</StaticRouter>);

describe("MetricLabel", () => {
  it("links the catalogue's label to the metric's definition page", () => {
    const html = render(<MetricLabel metric="newConsultations" figure="derived" />);
    expect(html).toContain('href="/indicators/newConsultations"');
    expect(html).toContain("新規相談受付件数（人口10万人あたり月平均）");
  });

  it("keeps the 「定義」 mark out of the accessible name", () => {
    const html = render(<MetricLabel metric="housingBenefitDecisions" />);
    expect(html).toMatch(/^<a [^>]*class="metric-label"[^>]*>住居確保給付金支給決定件数<span class="metric-label__definition" aria-hidden="true">定義<\/span><\/a>$/);
  });

  it("names the count by default and the short label when asked", () => {
    expect(render(<MetricLabel metric="plansCreated" />)).toContain(">プラン作成件数<");
    expect(render(<MetricLabel metric="employmentOrIncomeRate" short />)).toContain('href="/indicators/employmentOrIncomeRate"');
    expect(render(<MetricLabel metric="plansCreated" figure="derived" short />)).toContain(">プラン作成/10万人<");
  });
});
