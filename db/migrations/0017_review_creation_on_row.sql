ALTER TABLE "monthly_reviews" ADD COLUMN "created_event_id" integer;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD COLUMN "created_state" text;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD COLUMN "created_upload_id" integer;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "monthly_reviews" ADD COLUMN "created_at" timestamp with time zone;--> statement-breakpoint
-- custom SQL (hand-written)
-- Rows stored before this migration keep their first event as an event row (created_* stay null).
-- An upload, user or local government named by a row's creation cannot be deleted either (ADR 034, 039).
CREATE OR REPLACE FUNCTION "refuse_delete_while_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  referenced boolean;
BEGIN
  IF TG_TABLE_NAME = 'uploads' THEN
    referenced := EXISTS (SELECT 1 FROM monthly_reviews v WHERE v.upload_id IN (SELECT id FROM old_rows) OR v.created_upload_id IN (SELECT id FROM old_rows))
      OR EXISTS (SELECT 1 FROM monthly_review_events e WHERE e.upload_id IN (SELECT id FROM old_rows))
      OR EXISTS (SELECT 1 FROM monthly_submissions s WHERE s.upload_id IN (SELECT id FROM old_rows));
  ELSIF TG_TABLE_NAME = 'users' THEN
    referenced := EXISTS (SELECT 1 FROM monthly_reviews v WHERE v.updated_by IN (SELECT id FROM old_rows) OR v.created_by IN (SELECT id FROM old_rows))
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
CREATE OR REPLACE FUNCTION "monthly_reviews_check_references"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM require_references('monthly_reviews',
    ARRAY(SELECT DISTINCT x FROM new_rows, LATERAL (VALUES (upload_id), (created_upload_id)) AS v(x)),
    ARRAY(SELECT DISTINCT x FROM new_rows, LATERAL (VALUES (updated_by), (created_by)) AS v(x)),
    ARRAY(SELECT DISTINCT local_government_code FROM new_rows));
  RETURN NULL;
END $$;
