import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getDb } from "../../db";
import { ProgramRatesCard } from "~/components/cards/ProgramRatesCard";
import { requireUser } from "~/lib/auth/session.server";
import { optionalProgramLabels, optionalPrograms } from "~/lib/domain";
import { formatFiscalYear } from "~/lib/fiscal-year";
import { loadNationalOverview, nationalOverviewParams } from "./_index.server";

export const meta: MetaFunction = () => [{ title: "全国の状況 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = nationalOverviewParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const data = params.success ? await loadNationalOverview(await getDb(), params.data) : null;
  if (!data) throw new Response("指定された年度・事業のデータがありません", { status: 404 });
  return data;
}

export default function NationalOverview() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>全国の状況</h1>
      <p className="lead">
        生活困窮者自立支援制度の任意事業について、都道府県ごとの実施率を示します。分母は福祉事務所設置自治体（都道府県を含む実施主体）です。
      </p>
      <Form method="get" className="filters" aria-label="表示条件">
        <div className="field">
          <label htmlFor="filter-fy">年度</label>
          <select id="filter-fy" name="fy" defaultValue={data.fiscalYear}>
            {data.fiscalYears.map((fy) => (
              <option key={fy} value={fy}>
                {formatFiscalYear(fy)}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="program" value={data.program} />
        <button type="submit" className="button">
          表示
        </button>
      </Form>
      <h2>任意事業の実施率（都道府県別）</h2>
      <nav aria-label="事業の切り替え">
        <ul className="tabs">
          {optionalPrograms.map((p) => (
            <li key={p}>
              <Link to={`?fy=${data.fiscalYear}&program=${p}`} aria-current={p === data.program ? "true" : undefined} preventScrollReset>
                {optionalProgramLabels[p]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ProgramRatesCard
        fiscalYear={data.fiscalYear}
        program={data.program}
        prefectures={data.prefectures}
        rows={data.rows}
        dataDate={data.dataDate}
      />
    </>
  );
}
