CREATE TABLE "monthly_submissions" (
	"local_government_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"upload_id" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "monthly_submissions_local_government_code_year_month_pk" PRIMARY KEY("local_government_code","year","month")
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" serial PRIMARY KEY NOT NULL,
	"local_government_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"sent_on" date NOT NULL,
	"sent_by" integer,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"email_delivered" jsonb,
	"email_failed" jsonb,
	CONSTRAINT "reminders_body_month_day" UNIQUE("local_government_code","year","month","sent_on")
);
--> statement-breakpoint
CREATE TABLE "reporting_schedules" (
	"fiscal_year" smallint PRIMARY KEY NOT NULL,
	"monthly_due_day" smallint NOT NULL,
	"annual_due_date" date NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reporting_schedules_due_day" CHECK ("reporting_schedules"."monthly_due_day" between 1 and 28)
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "monthly_submissions" ADD CONSTRAINT "monthly_submissions_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reporting_schedules" ADD CONSTRAINT "reporting_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monthly_submissions_upload_idx" ON "monthly_submissions" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "reminders_body_idx" ON "reminders" USING btree ("local_government_code","sent_at");--> statement-breakpoint
-- custom SQL (hand-written)
-- The pages read these tables (deadlines, submission times, reminders on a body's page): a change raises
-- the data version, so no cached rendering outlives it (ADR 013).
CREATE TRIGGER "reporting_schedules_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reporting_schedules" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "monthly_submissions_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "monthly_submissions" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "reminders_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "reminders" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
-- Backfill: a body-month already stored was first submitted by the earliest committed upload that set
-- it: the upload its row carries now, or one whose values a later upload replaced (upload_changes keeps
-- the replaced row's upload id). Rows loaded without an upload (demo data) stay without a submission
-- time (ADR 021).
insert into monthly_submissions (local_government_code, year, month, upload_id, submitted_at)
select distinct on (s.local_government_code, s.year, s.month) s.local_government_code, s.year, s.month, u.id, u.committed_at
from monthly_support_statistics s
join lateral (
  select s.upload_id as upload_id
  union all
  select (c.previous_values->>'__upload_id')::integer
  from upload_changes c
  where c.table_name = 'monthly_support_statistics'
    and c.row_key->>'local_government_code' = s.local_government_code
    and (c.row_key->>'year')::int = s.year and (c.row_key->>'month')::int = s.month
) candidate on true
join uploads u on u.id = candidate.upload_id and u.status = 'committed' and u.committed_at is not null
order by s.local_government_code, s.year, s.month, u.committed_at, u.id;
