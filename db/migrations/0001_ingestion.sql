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
CREATE TABLE "upload_rows" (
	"upload_id" integer NOT NULL,
	"line" integer NOT NULL,
	"part" smallint DEFAULT 0 NOT NULL,
	"row_key" jsonb NOT NULL,
	"row_values" jsonb NOT NULL,
	CONSTRAINT "upload_rows_upload_id_line_part_pk" PRIMARY KEY("upload_id","line","part")
);
--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "reverted_by" integer;--> statement-breakpoint
ALTER TABLE "upload_issues" ADD CONSTRAINT "upload_issues_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "upload_rows" ADD CONSTRAINT "upload_rows_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "upload_issues_upload_idx" ON "upload_issues" USING btree ("upload_id","severity","line");--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_reverted_by_users_id_fk" FOREIGN KEY ("reverted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_contacts_natural_key" ON "supervision_contacts" USING btree ("local_government_code","contacted_on","form","content");