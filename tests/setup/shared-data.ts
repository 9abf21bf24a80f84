import { existsSync } from "node:fs";
import path from "node:path";

/** shared/data sits beside the clone (../shared/data); SHARED_DATA_DIR overrides. Missing data fails the test, never skips it. */
export function sharedDataFile(name: string): string {
  const dir = process.env.SHARED_DATA_DIR ?? path.resolve(process.cwd(), "../shared/data");
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new Error(`${file} not found: set SHARED_DATA_DIR to the folder holding ${name}`);
  return file;
}
