CREATE TABLE "local_governments" (
	"code" text PRIMARY KEY NOT NULL,
	"prefecture_code" text NOT NULL,
	"name" text NOT NULL,
	"kana" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"has_welfare_office" boolean NOT NULL,
	"parent_code" text,
	"valid_from" date DEFAULT '1900-01-01' NOT NULL,
	"valid_to" date,
	"successor_code" text,
	CONSTRAINT "local_governments_code_format" CHECK ("local_governments"."code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
CREATE TABLE "populations" (
	"local_government_code" text NOT NULL,
	"as_of" date NOT NULL,
	"population" integer NOT NULL,
	"upload_id" integer,
	CONSTRAINT "populations_local_government_code_as_of_pk" PRIMARY KEY("local_government_code","as_of"),
	CONSTRAINT "populations_positive" CHECK ("populations"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "prefectures" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kana" text NOT NULL,
	"regional_block" text NOT NULL,
	CONSTRAINT "prefectures_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "jusou_statuses" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"status" text NOT NULL,
	"upload_id" integer,
	CONSTRAINT "jusou_statuses_local_government_code_fiscal_year_pk" PRIMARY KEY("local_government_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "monthly_support_statistics" (
	"local_government_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"new_consultations" integer NOT NULL,
	"plans_created" integer NOT NULL,
	"employment_support_targets" integer NOT NULL,
	"employed" integer NOT NULL,
	"increased_income" integer NOT NULL,
	"housing_benefit_decisions" integer NOT NULL,
	"referrals_to_public_assistance" integer NOT NULL,
	"upload_id" integer,
	CONSTRAINT "monthly_support_statistics_local_government_code_year_month_pk" PRIMARY KEY("local_government_code","year","month"),
	CONSTRAINT "monthly_support_statistics_month" CHECK ("monthly_support_statistics"."month" between 1 and 12),
	CONSTRAINT "monthly_support_statistics_fiscal_year" CHECK ("monthly_support_statistics"."fiscal_year" = case when "monthly_support_statistics"."month" >= 4 then "monthly_support_statistics"."year" else "monthly_support_statistics"."year" - 1 end),
	CONSTRAINT "monthly_support_statistics_non_negative" CHECK (least("monthly_support_statistics"."new_consultations", "monthly_support_statistics"."plans_created", "monthly_support_statistics"."employment_support_targets", "monthly_support_statistics"."employed", "monthly_support_statistics"."increased_income", "monthly_support_statistics"."housing_benefit_decisions", "monthly_support_statistics"."referrals_to_public_assistance") >= 0)
);
--> statement-breakpoint
CREATE TABLE "optional_program_statuses" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"program" text NOT NULL,
	"implemented" boolean NOT NULL,
	"delivery_form" text,
	"implementation_method" text,
	"integrated_delivery" text,
	"upload_id" integer,
	CONSTRAINT "optional_program_statuses_local_government_code_fiscal_year_program_pk" PRIMARY KEY("local_government_code","fiscal_year","program")
);
--> statement-breakpoint
CREATE TABLE "support_meeting_statuses" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"established" boolean NOT NULL,
	"upload_id" integer,
	CONSTRAINT "support_meeting_statuses_local_government_code_fiscal_year_pk" PRIMARY KEY("local_government_code","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "target_values" (
	"fiscal_year" smallint PRIMARY KEY NOT NULL,
	"new_consultations" numeric(6, 1) NOT NULL,
	"plans_created" numeric(6, 1) NOT NULL,
	"employment_support_targets" numeric(6, 1) NOT NULL,
	"upload_id" integer
);
--> statement-breakpoint
CREATE TABLE "staff_training" (
	"local_government_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"role" text NOT NULL,
	"assigned" integer NOT NULL,
	"national_training_completed" integer NOT NULL,
	"prefecture_training_completed" integer NOT NULL,
	"certified" integer NOT NULL,
	"upload_id" integer,
	CONSTRAINT "staff_training_local_government_code_fiscal_year_role_pk" PRIMARY KEY("local_government_code","fiscal_year","role"),
	CONSTRAINT "staff_training_non_negative" CHECK (least("staff_training"."assigned", "staff_training"."national_training_completed", "staff_training"."prefecture_training_completed", "staff_training"."certified") >= 0)
);
--> statement-breakpoint
CREATE TABLE "training_session_participants" (
	"session_id" integer NOT NULL,
	"local_government_code" text NOT NULL,
	"role" text NOT NULL,
	"participants" integer NOT NULL,
	CONSTRAINT "training_session_participants_session_id_local_government_code_role_pk" PRIMARY KEY("session_id","local_government_code","role"),
	CONSTRAINT "training_session_participants_positive" CHECK ("training_session_participants"."participants" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"prefecture_code" text NOT NULL,
	"held_on" date NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"hours" numeric(4, 1) NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prefecture_support_activities" (
	"prefecture_code" text NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"item" text NOT NULL,
	"implemented" boolean NOT NULL,
	"upload_id" integer,
	CONSTRAINT "prefecture_support_activities_prefecture_code_fiscal_year_item_pk" PRIMARY KEY("prefecture_code","fiscal_year","item")
);
--> statement-breakpoint
CREATE TABLE "supervision_contacts" (
	"id" serial PRIMARY KEY NOT NULL,
	"prefecture_code" text NOT NULL,
	"local_government_code" text NOT NULL,
	"contacted_on" date NOT NULL,
	"form" text NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"responder" text DEFAULT '' NOT NULL,
	"upload_id" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"target" text,
	"detail" jsonb,
	"client_address" text
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_id" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"prefecture_code" text,
	"local_government_code" text,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_loginId_unique" UNIQUE("login_id")
);
--> statement-breakpoint
CREATE TABLE "upload_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"upload_id" integer NOT NULL,
	"table_name" text NOT NULL,
	"row_key" jsonb NOT NULL,
	"previous_values" jsonb,
	"new_values" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"encoding" text NOT NULL,
	"user_id" integer,
	"status" text NOT NULL,
	"counts" jsonb,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"reverted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "local_governments" ADD CONSTRAINT "local_governments_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "populations" ADD CONSTRAINT "populations_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jusou_statuses" ADD CONSTRAINT "jusou_statuses_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_support_statistics" ADD CONSTRAINT "monthly_support_statistics_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "optional_program_statuses" ADD CONSTRAINT "optional_program_statuses_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_meeting_statuses" ADD CONSTRAINT "support_meeting_statuses_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_training" ADD CONSTRAINT "staff_training_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_participants" ADD CONSTRAINT "training_session_participants_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session_participants" ADD CONSTRAINT "training_session_participants_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prefecture_support_activities" ADD CONSTRAINT "prefecture_support_activities_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_contacts" ADD CONSTRAINT "supervision_contacts_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_contacts" ADD CONSTRAINT "supervision_contacts_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_contacts" ADD CONSTRAINT "supervision_contacts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_changes" ADD CONSTRAINT "upload_changes_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "local_governments_prefecture_idx" ON "local_governments" USING btree ("prefecture_code");--> statement-breakpoint
CREATE INDEX "monthly_support_statistics_fy_idx" ON "monthly_support_statistics" USING btree ("fiscal_year");--> statement-breakpoint
CREATE INDEX "optional_program_statuses_fy_idx" ON "optional_program_statuses" USING btree ("fiscal_year","program");--> statement-breakpoint
CREATE INDEX "training_sessions_prefecture_idx" ON "training_sessions" USING btree ("prefecture_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "supervision_contacts_prefecture_idx" ON "supervision_contacts" USING btree ("prefecture_code","contacted_on");--> statement-breakpoint
CREATE INDEX "supervision_contacts_body_idx" ON "supervision_contacts" USING btree ("local_government_code","contacted_on");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "upload_changes_upload_idx" ON "upload_changes" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "uploads_sha256_idx" ON "uploads" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "uploads_dataset_idx" ON "uploads" USING btree ("dataset","created_at");