CREATE TABLE "cooperation_surveys" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"practice_mutual_understanding" boolean NOT NULL,
	"practice_case_sharing" boolean NOT NULL,
	"practice_face_to_face" boolean NOT NULL,
	"practice_household_budget_integrated" boolean NOT NULL,
	"practice_employment_preparation_integrated" boolean NOT NULL,
	"practice_joint_training" boolean NOT NULL,
	"practice_via_hello_work" boolean NOT NULL,
	"practice_none_needed" boolean NOT NULL,
	"practice_other" boolean NOT NULL,
	"issue_no_issue" boolean NOT NULL,
	"issue_relationship_after_transition" boolean NOT NULL,
	"issue_support_unknown" boolean NOT NULL,
	"issue_merit_unrecognized" boolean NOT NULL,
	"issue_caseworker_stays_involved" boolean NOT NULL,
	"issue_no_handover" boolean NOT NULL,
	"issue_other" boolean NOT NULL,
	"upload_id" integer,
	CONSTRAINT "cooperation_surveys_local_government_code_fiscal_year_pk" PRIMARY KEY("local_government_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "public_assistance_transfers" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"cases_after_discontinuation" integer NOT NULL,
	"referred_at_risk" integer NOT NULL,
	"referred_after_rejection" integer NOT NULL,
	"referred_after_exit" integer NOT NULL,
	"upload_id" integer,
	CONSTRAINT "public_assistance_transfers_local_government_code_fiscal_year_pk" PRIMARY KEY("local_government_code","fiscal_year"),
	CONSTRAINT "public_assistance_transfers_non_negative" CHECK (least("public_assistance_transfers"."cases_after_discontinuation", "public_assistance_transfers"."referred_at_risk", "public_assistance_transfers"."referred_after_rejection", "public_assistance_transfers"."referred_after_exit") >= 0)
);
--> statement-breakpoint
CREATE TABLE "staged_cooperation_surveys" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"practice_mutual_understanding" boolean,
	"practice_case_sharing" boolean,
	"practice_face_to_face" boolean,
	"practice_household_budget_integrated" boolean,
	"practice_employment_preparation_integrated" boolean,
	"practice_joint_training" boolean,
	"practice_via_hello_work" boolean,
	"practice_none_needed" boolean,
	"practice_other" boolean,
	"issue_no_issue" boolean,
	"issue_relationship_after_transition" boolean,
	"issue_support_unknown" boolean,
	"issue_merit_unrecognized" boolean,
	"issue_caseworker_stays_involved" boolean,
	"issue_no_handover" boolean,
	"issue_other" boolean
);
--> statement-breakpoint
CREATE TABLE "staged_public_assistance_transfers" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"cases_after_discontinuation" integer,
	"referred_at_risk" integer,
	"referred_after_rejection" integer,
	"referred_after_exit" integer
);
--> statement-breakpoint
CREATE TABLE "staged_support_meeting_statuses" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint NOT NULL,
	"local_government_code" text,
	"fiscal_year" smallint,
	"established" boolean,
	"jusou_support_meeting" boolean,
	"multi_agency_meeting" boolean
);
--> statement-breakpoint
ALTER TABLE "support_meeting_statuses" ADD COLUMN "jusou_support_meeting" boolean;--> statement-breakpoint
ALTER TABLE "support_meeting_statuses" ADD COLUMN "multi_agency_meeting" boolean;--> statement-breakpoint
ALTER TABLE "cooperation_surveys" ADD CONSTRAINT "cooperation_surveys_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_assistance_transfers" ADD CONSTRAINT "public_assistance_transfers_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staged_cooperation_surveys_upload_idx" ON "staged_cooperation_surveys" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_public_assistance_transfers_upload_idx" ON "staged_public_assistance_transfers" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "staged_support_meeting_statuses_upload_idx" ON "staged_support_meeting_statuses" USING btree ("upload_id");