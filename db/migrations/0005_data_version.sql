CREATE TABLE "data_change_marks" (
	"transaction_id" bigint PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_version" (
	"id" smallint PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK ("data_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "data_version" ("id", "version") VALUES (1, 1);
--> statement-breakpoint
-- A statement that changed a watched table marks its transaction once; inserts of different
-- transactions never wait for each other, so writers are not serialised here.
CREATE FUNCTION "note_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_change_marks (transaction_id) VALUES (pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Runs at commit (deferred): the version row is locked only for the commit itself, and the new
-- version becomes visible in the same instant as the data that caused it.
CREATE FUNCTION "raise_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET version = version + 1, changed_at = now() WHERE id = 1;
  DELETE FROM data_change_marks WHERE transaction_id = NEW.transaction_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_change_marks_raise_version" AFTER INSERT ON "data_change_marks" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version();
--> statement-breakpoint
CREATE TRIGGER "app_meta_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "app_meta" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "fiscal_year_body_totals_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "fiscal_year_body_totals" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "jusou_statuses_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "jusou_statuses" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "local_governments_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "local_governments" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "monthly_support_statistics_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "monthly_support_statistics" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "optional_program_statuses_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "optional_program_statuses" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "populations_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "populations" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "prefecture_support_activities_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "prefecture_support_activities" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "prefectures_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "prefectures" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "staff_training_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "staff_training" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "supervision_contacts_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "supervision_contacts" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "support_meeting_statuses_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "support_meeting_statuses" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "target_values_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "target_values" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "training_session_participants_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "training_session_participants" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "training_sessions_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "training_sessions" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "upload_changes_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "upload_changes" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "upload_issues_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "upload_issues" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "uploads_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "uploads" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
--> statement-breakpoint
CREATE TRIGGER "users_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
