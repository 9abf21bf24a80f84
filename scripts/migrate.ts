// npm run db:migrate: applies the committed drizzle-kit migrations to DATABASE_URL or PGLITE_DIR.
import { closeDatabase, connectDatabase } from "../db";

const handle = await connectDatabase();
console.log(`migrations applied (${handle.target.driver})`);
await closeDatabase();
