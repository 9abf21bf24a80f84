CREATE TABLE "monthly_prefecture_totals" (
	"prefecture_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"new_consultations" bigint NOT NULL,
	"plans_created" bigint NOT NULL,
	"employment_support_targets" bigint NOT NULL,
	"employed" bigint NOT NULL,
	"increased_income" bigint NOT NULL,
	"housing_benefit_decisions" bigint NOT NULL,
	"referrals_to_public_assistance" bigint NOT NULL,
	"submitted_months" integer NOT NULL,
	CONSTRAINT "monthly_prefecture_totals_prefecture_code_year_month_pk" PRIMARY KEY("prefecture_code","year","month")
);
--> statement-breakpoint
-- Recomputes the monthly totals of the given prefectures and months (year * 100 + month; NULL: all)
-- from the monthly rows. The advisory lock is the one of the fiscal-year totals (ADR 011): writers
-- take turns, so each recomputation sees what the previous one committed.
CREATE FUNCTION "refresh_monthly_prefecture_totals"(prefecture_codes text[], year_months integer[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- an upsert fires both its INSERT and its UPDATE triggers, one of them usually with no rows
  IF cardinality(prefecture_codes) = 0 OR cardinality(year_months) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7430183);
  DELETE FROM monthly_prefecture_totals
  WHERE (prefecture_codes IS NULL OR prefecture_code = ANY(prefecture_codes))
    AND (year_months IS NULL OR year * 100 + month = ANY(year_months));
  INSERT INTO monthly_prefecture_totals
  SELECT lg.prefecture_code, s.year, s.month, s.fiscal_year,
         sum(s.new_consultations), sum(s.plans_created), sum(s.employment_support_targets), sum(s.employed),
         sum(s.increased_income), sum(s.housing_benefit_decisions), sum(s.referrals_to_public_assistance),
         count(*)
  FROM monthly_support_statistics s
  JOIN local_governments lg ON lg.code = s.local_government_code AND lg.has_welfare_office AND lg.kind <> 'ward'
  WHERE (prefecture_codes IS NULL OR lg.prefecture_code = ANY(prefecture_codes))
    AND (year_months IS NULL OR s.year * 100 + s.month = ANY(year_months))
  GROUP BY lg.prefecture_code, s.year, s.month, s.fiscal_year;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_prefecture_totals_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_monthly_prefecture_totals(
    ARRAY(SELECT DISTINCT lg.prefecture_code FROM new_rows n JOIN local_governments lg ON lg.code = n.local_government_code),
    ARRAY(SELECT DISTINCT year * 100 + month FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_prefecture_totals_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_monthly_prefecture_totals(
    ARRAY(SELECT lg.prefecture_code FROM (SELECT local_government_code FROM new_rows UNION SELECT local_government_code FROM old_rows) c
          JOIN local_governments lg ON lg.code = c.local_government_code GROUP BY lg.prefecture_code),
    ARRAY(SELECT year * 100 + month FROM new_rows UNION SELECT year * 100 + month FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_prefecture_totals_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_monthly_prefecture_totals(
    ARRAY(SELECT DISTINCT lg.prefecture_code FROM old_rows o JOIN local_governments lg ON lg.code = o.local_government_code),
    ARRAY(SELECT DISTINCT year * 100 + month FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_prefecture_totals_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7430183);
  DELETE FROM monthly_prefecture_totals;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A body that opens or closes a welfare office, becomes a ward or moves prefecture changes which
-- monthly rows count: its prefectures (old and new) are recomputed for every month.
CREATE FUNCTION "monthly_prefecture_totals_after_body_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
BEGIN
  changed := ARRAY(
    SELECT p FROM (
      SELECT unnest(ARRAY[o.prefecture_code, n.prefecture_code]) AS p
      FROM old_rows o JOIN new_rows n ON n.code = o.code
      WHERE (o.has_welfare_office, o.kind, o.prefecture_code) IS DISTINCT FROM (n.has_welfare_office, n.kind, n.prefecture_code)
    ) x GROUP BY p);
  IF cardinality(changed) > 0 THEN
    PERFORM refresh_monthly_prefecture_totals(changed, NULL);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_monthly_totals_insert" AFTER INSERT ON "monthly_support_statistics" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_prefecture_totals_after_insert();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_monthly_totals_update" AFTER UPDATE ON "monthly_support_statistics" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_prefecture_totals_after_update();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_monthly_totals_delete" AFTER DELETE ON "monthly_support_statistics" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_prefecture_totals_after_delete();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_monthly_totals_truncate" AFTER TRUNCATE ON "monthly_support_statistics" FOR EACH STATEMENT EXECUTE FUNCTION monthly_prefecture_totals_after_truncate();
--> statement-breakpoint
CREATE TRIGGER "local_governments_monthly_totals_update" AFTER UPDATE ON "local_governments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_prefecture_totals_after_body_update();
--> statement-breakpoint
CREATE TRIGGER "monthly_prefecture_totals_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "monthly_prefecture_totals" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
-- Databases that already hold monthly rows get their totals now.
SELECT refresh_monthly_prefecture_totals(NULL, NULL);
