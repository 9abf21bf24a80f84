CREATE TABLE "monthly_review_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"local_government_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"comment" text,
	"upload_id" integer,
	"user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monthly_reviews" (
	"local_government_code" text NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint NOT NULL,
	"state" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"comment" text,
	"upload_id" integer,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_reviews_local_government_code_year_month_pk" PRIMARY KEY("local_government_code","year","month"),
	CONSTRAINT "monthly_reviews_state" CHECK ("monthly_reviews"."state" in ('submitted', 'confirmed', 'returned'))
);
--> statement-breakpoint
ALTER TABLE "monthly_review_events" ADD CONSTRAINT "monthly_review_events_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_review_events" ADD CONSTRAINT "monthly_review_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD CONSTRAINT "monthly_reviews_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD CONSTRAINT "monthly_reviews_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD CONSTRAINT "monthly_reviews_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monthly_review_events_month_idx" ON "monthly_review_events" USING btree ("local_government_code","year","month","id");--> statement-breakpoint
CREATE INDEX "monthly_reviews_state_idx" ON "monthly_reviews" USING btree ("state");--> statement-breakpoint
-- custom SQL (hand-written)
-- Review states change what the pages show (暫定), so they raise data_version like the figures (ADR 013).
CREATE TRIGGER "monthly_reviews_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "monthly_reviews" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "monthly_review_events_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "monthly_review_events" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
