// npm run db:seed: loads the demo dataset into an empty database (never over real data).
import { closeDatabase, connectDatabase } from "../db";
import { isDatabaseEmpty, seedDemo } from "../seeds/demo";

const { db, target } = await connectDatabase();
try {
  if (!(await isDatabaseEmpty(db))) {
    console.error("データベースにすでに利用者または統計データがあります。デモデータは空のデータベースにだけ投入します。");
    process.exitCode = 1;
  } else {
    const result = await seedDemo(db);
    console.log(`demo dataset loaded into ${target.driver}: ${result.bodies} bodies, ${result.monthlyRows} monthly rows`);
  }
} finally {
  await closeDatabase();
}
