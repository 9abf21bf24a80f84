import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { PrefectureSupportComparisonCard, prefectureSupportComparisonSource, prefectureSupportComparisonTable } from "~/components/cards/PrefectureSupportComparisonCard";
import { pageTableOf } from "~/components/ui/data-table-export";
import type { PageDataHandle } from "~/domain/table-export";
import { NationalPageHeader } from "~/components/ui/TabNav";
import { requireUser } from "~/server/auth/session.server";
import { fiscalYearOfDate, formatFiscalYear } from "~/domain/fiscal-year";
import { parseQuery } from "~/server/pages/query-params";
import { pageToday } from "~/server/pages/today.server";
import { loadNationalSupport, nationalSupportQuery } from "./support.server";

export const meta: MetaFunction = () => [{ title: "都道府県による市町村支援（全国） | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const query = parseQuery(nationalSupportQuery, request);
  return loadNationalSupport(await getReadDb(), query, pageToday());
}

/** `?format=csv|xlsx`: the items compared between the two fiscal years, the card's table (ADR 028). */
export const handle: PageDataHandle = {
  pageTable: (data, context) => {
    const d = data as SerializeFrom<typeof loader>;
    // no answers yet: the items with empty figures
    const year = fiscalYearOfDate(context.generatedAt.slice(0, 10));
    const comparison = d.comparison ?? { from: year, to: year, shares: [], dataDate: null };
    return pageTableOf(prefectureSupportComparisonTable(comparison), { source: prefectureSupportComparisonSource, dataDate: comparison.dataDate }, context);
  },
};

export default function NationalSupport() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <NationalPageHeader
        title="都道府県による市町村支援（全国）"
        lead="都道府県が管内の市町村に行っている支援（11項目とその他）を、実施している都道府県の割合で2つの年度を比べます。支援員向けのスーパーバイズと就労訓練アドバイザーの設置は、実施の少ない項目です。"
      />
      {d.comparison ? (
        <>
          <Form method="get" className="filters" aria-label="比べる年度">
            {(
              [
                ["from", "比べる年度（前）", d.comparison.from],
                ["to", "比べる年度（後）", d.comparison.to],
              ] as const
            ).map(([name, label, value]) => (
              <div className="field" key={name}>
                <label htmlFor={`filter-${name}`}>{label}</label>
                <select id={`filter-${name}`} name={name} defaultValue={value}>
                  {d.fiscalYears.map((fy) => (
                    <option key={fy} value={fy}>
                      {formatFiscalYear(fy)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className="button">
              表示
            </button>
          </Form>
          <PrefectureSupportComparisonCard from={d.comparison.from} to={d.comparison.to} shares={d.comparison.shares} dataDate={d.comparison.dataDate} />
        </>
      ) : (
        <p>都道府県による市町村支援の回答はまだありません。</p>
      )}
    </>
  );
}
