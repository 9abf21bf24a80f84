ALTER TABLE "uploads" ADD COLUMN "explanation" text;
