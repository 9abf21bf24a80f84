ALTER TABLE "users" ADD COLUMN "date_style" text DEFAULT 'western' NOT NULL;--> statement-breakpoint
-- custom SQL (hand-written)
ALTER TABLE "users" ADD CONSTRAINT "users_date_style_check" CHECK ("date_style" IN ('western', 'japanese'));
