CREATE TABLE "fiscal_year_body_totals" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"new_consultations" bigint NOT NULL,
	"plans_created" bigint NOT NULL,
	"employment_support_targets" bigint NOT NULL,
	"employed" bigint NOT NULL,
	"increased_income" bigint NOT NULL,
	"housing_benefit_decisions" bigint NOT NULL,
	"referrals_to_public_assistance" bigint NOT NULL,
	"submitted_months" integer NOT NULL,
	"population_months" bigint NOT NULL,
	"pc_new_consultations" bigint NOT NULL,
	"pc_plans_created" bigint NOT NULL,
	"pc_employment_support_targets" bigint NOT NULL,
	"pc_referrals_to_public_assistance" bigint NOT NULL,
	CONSTRAINT "fiscal_year_body_totals_local_government_code_fiscal_year_pk" PRIMARY KEY("local_government_code","fiscal_year")
);
--> statement-breakpoint
-- Recomputes the fiscal-year totals of the given bodies from their monthly rows. One advisory lock
-- (held to the end of the transaction) makes concurrent writers take turns, so each recomputation
-- sees the rows the previous one committed.
CREATE FUNCTION "refresh_fiscal_year_body_totals"(codes text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7430183);
  DELETE FROM fiscal_year_body_totals WHERE local_government_code = ANY(codes);
  INSERT INTO fiscal_year_body_totals
  SELECT s.local_government_code, s.fiscal_year,
         sum(s.new_consultations), sum(s.plans_created), sum(s.employment_support_targets), sum(s.employed),
         sum(s.increased_income), sum(s.housing_benefit_decisions), sum(s.referrals_to_public_assistance),
         count(*),
         coalesce(sum(pp.population), 0),
         coalesce(sum(s.new_consultations) FILTER (WHERE pp.population IS NOT NULL), 0),
         coalesce(sum(s.plans_created) FILTER (WHERE pp.population IS NOT NULL), 0),
         coalesce(sum(s.employment_support_targets) FILTER (WHERE pp.population IS NOT NULL), 0),
         coalesce(sum(s.referrals_to_public_assistance) FILTER (WHERE pp.population IS NOT NULL), 0)
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
END $$;
--> statement-breakpoint
CREATE FUNCTION "fiscal_year_body_totals_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_fiscal_year_body_totals(ARRAY(SELECT DISTINCT local_government_code FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "fiscal_year_body_totals_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_fiscal_year_body_totals(ARRAY(SELECT local_government_code FROM new_rows UNION SELECT local_government_code FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "fiscal_year_body_totals_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_fiscal_year_body_totals(ARRAY(SELECT DISTINCT local_government_code FROM old_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "fiscal_year_body_totals_after_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7430183);
  IF TG_TABLE_NAME = 'monthly_support_statistics' THEN
    DELETE FROM fiscal_year_body_totals;
  ELSE
    PERFORM refresh_fiscal_year_body_totals(ARRAY(SELECT DISTINCT local_government_code FROM monthly_support_statistics));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_totals_insert" AFTER INSERT ON "monthly_support_statistics" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_insert();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_totals_update" AFTER UPDATE ON "monthly_support_statistics" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_update();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_totals_delete" AFTER DELETE ON "monthly_support_statistics" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_delete();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_totals_truncate" AFTER TRUNCATE ON "monthly_support_statistics" FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_truncate();
--> statement-breakpoint
CREATE TRIGGER "populations_totals_insert" AFTER INSERT ON "populations" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_insert();
--> statement-breakpoint
CREATE TRIGGER "populations_totals_update" AFTER UPDATE ON "populations" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_update();
--> statement-breakpoint
CREATE TRIGGER "populations_totals_delete" AFTER DELETE ON "populations" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_delete();
--> statement-breakpoint
CREATE TRIGGER "populations_totals_truncate" AFTER TRUNCATE ON "populations" FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_body_totals_after_truncate();
--> statement-breakpoint
-- existing data
SELECT refresh_fiscal_year_body_totals(ARRAY(SELECT DISTINCT local_government_code FROM monthly_support_statistics));
