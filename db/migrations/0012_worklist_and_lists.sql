CREATE TABLE "body_list_members" (
	"list_id" integer NOT NULL,
	"local_government_code" text NOT NULL,
	CONSTRAINT "body_list_members_list_id_local_government_code_pk" PRIMARY KEY("list_id","local_government_code")
);
--> statement-breakpoint
CREATE TABLE "body_lists" (
	"id" serial PRIMARY KEY NOT NULL,
	"owner_id" integer NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worklist_resolutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"prefecture_code" text NOT NULL,
	"local_government_code" text NOT NULL,
	"rule" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"cause" text NOT NULL,
	"why" text NOT NULL,
	"note" text NOT NULL,
	"resolved_by" integer,
	"resolved_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "body_list_members" ADD CONSTRAINT "body_list_members_list_id_body_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."body_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_list_members" ADD CONSTRAINT "body_list_members_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_lists" ADD CONSTRAINT "body_lists_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_resolutions" ADD CONSTRAINT "worklist_resolutions_prefecture_code_prefectures_code_fk" FOREIGN KEY ("prefecture_code") REFERENCES "public"."prefectures"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_resolutions" ADD CONSTRAINT "worklist_resolutions_local_government_code_local_governments_code_fk" FOREIGN KEY ("local_government_code") REFERENCES "public"."local_governments"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worklist_resolutions" ADD CONSTRAINT "worklist_resolutions_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "body_lists_owner_name" ON "body_lists" USING btree ("owner_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "worklist_resolutions_item_cause" ON "worklist_resolutions" USING btree ("prefecture_code","fiscal_year","rule","local_government_code","subject","cause");--> statement-breakpoint
CREATE INDEX "worklist_resolutions_body_idx" ON "worklist_resolutions" USING btree ("local_government_code","resolved_at");--> statement-breakpoint
-- custom SQL (hand-written)
-- the landing, municipality and compare pages show these: a change raises the data version (ADR 013)
CREATE TRIGGER "worklist_resolutions_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "worklist_resolutions" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();--> statement-breakpoint
CREATE TRIGGER "body_lists_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "body_lists" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();--> statement-breakpoint
CREATE TRIGGER "body_list_members_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "body_list_members" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
