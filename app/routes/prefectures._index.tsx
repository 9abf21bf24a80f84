import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getReadDb } from "../../db";
import { DataTable } from "~/components/ui/DataTable";
import { requireUser } from "~/server/auth/session.server";
import { regionalBlockLabels, regionalBlocks, type RegionalBlock } from "~/domain/vocabulary";
import { formatFiscalYear } from "~/domain/fiscal-year";
import { pageToday } from "~/server/pages/today.server";
import { formatNumber } from "~/domain/format";
import { loadPrefectureList } from "./prefectures._index.server";

export const meta: MetaFunction = () => [{ title: "都道府県一覧 | つなぐ" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadPrefectureList(await getReadDb(), pageToday());
}

export default function PrefectureList() {
  const { fiscalYear, prefectures } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>都道府県一覧</h1>
      <p className="lead">
        地方ブロック別の都道府県と、{formatFiscalYear(fiscalYear)}4月1日時点の実施主体数（都道府県自身を含む福祉事務所設置自治体）です。
      </p>
      {regionalBlocks.map((block: RegionalBlock) => (
        <section key={block} aria-labelledby={`block-${block}`}>
          <h2 id={`block-${block}`}>{regionalBlockLabels[block]}</h2>
          <DataTable
            id={`prefectures-${block}`}
            caption={`${regionalBlockLabels[block]}の都道府県`}
            captionHidden
            fileName={`都道府県_${regionalBlockLabels[block]}.csv`}
            rows={prefectures.filter((p) => p.regionalBlock === block)}
            columns={[
              { key: "name", label: "都道府県", rowHeader: true, value: (p) => p.name, render: (p) => <Link to={`/prefectures/${p.code}`}>{p.name}</Link> },
              { key: "bodies", label: "実施主体数", numeric: true, value: (p) => p.implementingBodies },
              { key: "municipalities", label: "市区町村数", numeric: true, value: (p) => p.municipalities },
              { key: "population", label: "実施主体の人口計", numeric: true, value: (p) => p.population, render: (p) => (p.population === null ? "－" : formatNumber(p.population)) },
            ]}
          />
        </section>
      ))}
    </>
  );
}
