CREATE TABLE "upload_issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"upload_id" integer NOT NULL,
	"severity" text NOT NULL,
	"line" integer NOT NULL,
	"column_name" text NOT NULL,
	"cell_value" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staged_jusou_statuses" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"status" text
);
--> statement-breakpoint
CREATE TABLE "staged_monthly_support_statistics" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"year" smallint,
	"month" smallint,
	"fiscal_year" smallint,
	"new_consultations" integer,
	"plans_created" integer,
	"employment_support_targets" integer,
	"employed" integer,
	"increased_income" integer,
	"housing_benefit_decisions" integer,
	"referrals_to_public_assistance" integer
);
--> statement-breakpoint
CREATE TABLE "staged_optional_program_statuses" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"program" text,
	"implemented" boolean,
	"delivery_form" text,
	"implementation_method" text,
	"integrated_delivery" text
);
--> statement-breakpoint
CREATE TABLE "staged_populations" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"as_of" date,
	"population" integer
);
--> statement-breakpoint
CREATE TABLE "staged_prefecture_support_activities" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"prefecture_code" text,
	"fiscal_year" smallint,
	"item" text,
	"implemented" boolean
);
--> statement-breakpoint
CREATE TABLE "staged_staff_training" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"role" text,
	"assigned" integer,
	"national_training_completed" integer,
	"prefecture_training_completed" integer,
	"certified" integer
);
--> statement-breakpoint
CREATE TABLE "staged_supervision_contacts" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"contacted_on" date,
	"form" text,
	"content" text,
	"prefecture_code" text,
	"responder" text
);
--> statement-breakpoint
CREATE TABLE "staged_target_values" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"fiscal_year" smallint,
	"new_consultations" numeric(6, 1),
	"plans_created" numeric(6, 1),
	"employment_support_targets" numeric(6, 1)
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "reverted_by" integer;--> statement-breakpoint
ALTER TABLE "upload_issues" ADD CONSTRAINT "upload_issues_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upload_issues_upload_idx" ON "upload_issues" USING btree ("upload_id","severity","line");--> statement-breakpoint
CREATE INDEX "staged_jusou_statuses_upload_idx" ON "staged_jusou_statuses" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_monthly_support_statistics_upload_idx" ON "staged_monthly_support_statistics" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_optional_program_statuses_upload_idx" ON "staged_optional_program_statuses" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_populations_upload_idx" ON "staged_populations" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_prefecture_support_activities_upload_idx" ON "staged_prefecture_support_activities" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_staff_training_upload_idx" ON "staged_staff_training" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_supervision_contacts_upload_idx" ON "staged_supervision_contacts" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_target_values_upload_idx" ON "staged_target_values" USING btree ("upload_id");--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_reverted_by_users_id_fk" FOREIGN KEY ("reverted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_contacts_natural_key" ON "supervision_contacts" USING btree ("local_government_code","contacted_on","form","content");