-- Custom SQL migration file, put your code below! --
-- custom SQL (hand-written)
-- the cooperation pages and the municipality page show these (issue 18): a change raises the data version (ADR 013)
CREATE TRIGGER "public_assistance_transfers_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "public_assistance_transfers" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();--> statement-breakpoint
CREATE TRIGGER "cooperation_surveys_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "cooperation_surveys" FOR EACH STATEMENT EXECUTE FUNCTION note_data_change();
