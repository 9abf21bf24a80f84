// npx tsx scripts/metric-totals-sql.ts — prints the two refresh functions of the trigger-kept totals
// (fiscal_year_body_totals, ADR 011; monthly_prefecture_totals, ADR 014) for the metrics of the
// catalogue. drizzle-kit generates a new metric's columns but not these functions: append this output
// to the migration it generated. The inserts name their columns, so columns added at the end fit.
import { monthlyMetricCatalogue } from "../app/domain/metric-catalogue";

const columns = monthlyMetricCatalogue.map((m) => m.column);
const perCapita = monthlyMetricCatalogue.filter((m) => m.perPopulation).map((m) => m.column);
const list = (items: string[], indent: string) => items.join(`,\n${indent}`);

const fiscalYearBodyTotals = `CREATE OR REPLACE FUNCTION "refresh_fiscal_year_body_totals"(codes text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7430183);
  DELETE FROM fiscal_year_body_totals WHERE local_government_code = ANY(codes);
  INSERT INTO fiscal_year_body_totals (local_government_code, fiscal_year,
         ${list(columns, "         ")},
         submitted_months, population_months,
         ${list(perCapita.map((c) => `pc_${c}`), "         ")})
  SELECT s.local_government_code, s.fiscal_year,
         ${list(columns.map((c) => `sum(s.${c})`), "         ")},
         count(*),
         coalesce(sum(pp.population), 0),
         ${list(perCapita.map((c) => `coalesce(sum(s.${c}) FILTER (WHERE pp.population IS NOT NULL), 0)`), "         ")}
  FROM monthly_support_statistics s
  LEFT JOIN (
    SELECT local_government_code, as_of AS valid_from,
           coalesce(lead(as_of) OVER (PARTITION BY local_government_code ORDER BY as_of), 'infinity'::date) AS valid_to,
           population
    FROM populations WHERE local_government_code = ANY(codes)
  ) pp ON pp.local_government_code = s.local_government_code
      AND make_date(s.year, s.month, 1) >= pp.valid_from AND make_date(s.year, s.month, 1) < pp.valid_to
  WHERE s.local_government_code = ANY(codes)
  GROUP BY s.local_government_code, s.fiscal_year;
END $$;`;

const monthlyPrefectureTotals = `CREATE OR REPLACE FUNCTION "refresh_monthly_prefecture_totals"(prefecture_codes text[], year_months integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- an upsert fires both its INSERT and its UPDATE triggers, one of them usually with no rows
  IF cardinality(prefecture_codes) = 0 OR cardinality(year_months) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7430183);
  DELETE FROM monthly_prefecture_totals
  WHERE (prefecture_codes IS NULL OR prefecture_code = ANY(prefecture_codes))
    AND (year_months IS NULL OR year * 100 + month = ANY(year_months));
  INSERT INTO monthly_prefecture_totals (prefecture_code, year, month, fiscal_year,
         ${list(columns, "         ")},
         submitted_months)
  SELECT lg.prefecture_code, s.year, s.month, s.fiscal_year,
         ${list(columns.map((c) => `sum(s.${c})`), "         ")},
         count(*)
  FROM monthly_support_statistics s
  JOIN local_governments lg ON lg.code = s.local_government_code AND lg.has_welfare_office AND lg.kind <> 'ward'
  WHERE (prefecture_codes IS NULL OR lg.prefecture_code = ANY(prefecture_codes))
    AND (year_months IS NULL OR s.year * 100 + s.month = ANY(year_months))
  GROUP BY lg.prefecture_code, s.year, s.month, s.fiscal_year;
END $$;`;

const refill = `-- Databases that already hold monthly rows get the new metrics' totals now.
SELECT refresh_fiscal_year_body_totals(ARRAY(SELECT DISTINCT local_government_code FROM monthly_support_statistics));
--> statement-breakpoint
SELECT refresh_monthly_prefecture_totals(NULL, NULL);`;

console.log(["--> statement-breakpoint", fiscalYearBodyTotals, "--> statement-breakpoint", monthlyPrefectureTotals, "--> statement-breakpoint", refill].join("\n"));
