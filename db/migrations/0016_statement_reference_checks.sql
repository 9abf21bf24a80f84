ALTER TABLE "monthly_submissions" DROP CONSTRAINT "monthly_submissions_upload_id_uploads_id_fk";
--> statement-breakpoint
ALTER TABLE "monthly_review_events" DROP CONSTRAINT "monthly_review_events_upload_id_uploads_id_fk";
--> statement-breakpoint
ALTER TABLE "monthly_review_events" DROP CONSTRAINT "monthly_review_events_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "monthly_reviews" DROP CONSTRAINT "monthly_reviews_local_government_code_local_governments_code_fk";
--> statement-breakpoint
ALTER TABLE "monthly_reviews" DROP CONSTRAINT "monthly_reviews_upload_id_uploads_id_fk";
--> statement-breakpoint
ALTER TABLE "monthly_reviews" DROP CONSTRAINT "monthly_reviews_updated_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "monthly_reviews_state_idx";--> statement-breakpoint
CREATE INDEX "monthly_reviews_open_idx" ON "monthly_reviews" USING btree ("state") WHERE "monthly_reviews"."state" in ('submitted', 'returned');
--> statement-breakpoint
-- custom SQL (hand-written)
-- A commit writes a review row, a review event and a submission per body-month it sets (ADR 021, 022):
-- as foreign keys that was one lookup and row lock per row and reference, half the commit's time on a
-- national file. The same references are checked once per statement instead, over the distinct values
-- written, and the referenced rows are locked FOR KEY SHARE as a foreign key would (ADR 034).
CREATE FUNCTION "require_references"(what text, upload_ids integer[], user_ids integer[], body_codes text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(x::text, ', ') INTO missing FROM unnest(upload_ids) AS x WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.id = x);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION '% refers to uploads that do not exist: %', what, missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT string_agg(x::text, ', ') INTO missing FROM unnest(user_ids) AS x WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = x);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION '% refers to users that do not exist: %', what, missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT string_agg(x, ', ') INTO missing FROM unnest(body_codes) AS x WHERE x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM local_governments g WHERE g.code = x);
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION '% refers to local governments that do not exist: %', what, missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  PERFORM 1 FROM uploads u WHERE u.id = ANY (upload_ids) FOR KEY SHARE;
  PERFORM 1 FROM users u WHERE u.id = ANY (user_ids) FOR KEY SHARE;
  PERFORM 1 FROM local_governments g WHERE g.code = ANY (body_codes) FOR KEY SHARE;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_reviews_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM require_references('monthly_reviews',
    ARRAY(SELECT DISTINCT upload_id FROM new_rows),
    ARRAY(SELECT DISTINCT updated_by FROM new_rows),
    ARRAY(SELECT DISTINCT local_government_code FROM new_rows));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_review_events_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM require_references('monthly_review_events', ARRAY(SELECT DISTINCT upload_id FROM new_rows), ARRAY(SELECT DISTINCT user_id FROM new_rows), NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "monthly_submissions_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM require_references('monthly_submissions', ARRAY(SELECT DISTINCT upload_id FROM new_rows), NULL, NULL);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- one trigger per event: a trigger with transition tables may have only one
CREATE TRIGGER "monthly_reviews_references_insert" AFTER INSERT ON "monthly_reviews" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_reviews_check_references();
--> statement-breakpoint
CREATE TRIGGER "monthly_reviews_references_update" AFTER UPDATE ON "monthly_reviews" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_reviews_check_references();
--> statement-breakpoint
CREATE TRIGGER "monthly_review_events_references_insert" AFTER INSERT ON "monthly_review_events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_review_events_check_references();
--> statement-breakpoint
CREATE TRIGGER "monthly_review_events_references_update" AFTER UPDATE ON "monthly_review_events" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_review_events_check_references();
--> statement-breakpoint
CREATE TRIGGER "monthly_submissions_references_insert" AFTER INSERT ON "monthly_submissions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_submissions_check_references();
--> statement-breakpoint
CREATE TRIGGER "monthly_submissions_references_update" AFTER UPDATE ON "monthly_submissions" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION monthly_submissions_check_references();
--> statement-breakpoint
-- The other side of those references: an upload, user or local government still referred to cannot be deleted.
CREATE FUNCTION "refuse_delete_while_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced boolean;
BEGIN
  IF TG_TABLE_NAME = 'uploads' THEN
    referenced := EXISTS (SELECT 1 FROM monthly_reviews v WHERE v.upload_id IN (SELECT id FROM old_rows))
      OR EXISTS (SELECT 1 FROM monthly_review_events e WHERE e.upload_id IN (SELECT id FROM old_rows))
      OR EXISTS (SELECT 1 FROM monthly_submissions s WHERE s.upload_id IN (SELECT id FROM old_rows));
  ELSIF TG_TABLE_NAME = 'users' THEN
    referenced := EXISTS (SELECT 1 FROM monthly_reviews v WHERE v.updated_by IN (SELECT id FROM old_rows))
      OR EXISTS (SELECT 1 FROM monthly_review_events e WHERE e.user_id IN (SELECT id FROM old_rows));
  ELSE
    referenced := EXISTS (SELECT 1 FROM monthly_reviews v WHERE v.local_government_code IN (SELECT code FROM old_rows));
  END IF;
  IF referenced THEN
    RAISE EXCEPTION 'a deleted row of % is still referred to by the review states or submissions', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "uploads_refuse_delete_while_referenced" AFTER DELETE ON "uploads" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_while_referenced();
--> statement-breakpoint
CREATE TRIGGER "users_refuse_delete_while_referenced" AFTER DELETE ON "users" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_while_referenced();
--> statement-breakpoint
CREATE TRIGGER "local_governments_refuse_delete_while_referenced" AFTER DELETE ON "local_governments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION refuse_delete_while_referenced();
