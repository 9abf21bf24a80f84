// The JavaScript a browser loads for "/", read from a client build: Remix's route manifest script, then the
// client entry, root and the index route with their static imports (the modules Remix preloads; dynamic
// imports such as the chart drawings load later, if ever). Each file gzipped on its own, as it is served.
// One home for the figure: `npm run check:bundle` holds it to its budget, bench:render and bench:views print it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** ADR 032's target for "/"; check:bundle fails above it. */
export const indexJavaScriptBudgetKB = 120;

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[] };
export type LoadedFile = { file: string; gzipBytes: number };
export type PageJavaScript = { files: LoadedFile[]; gzipBytes: number };

// route modules are keyed with a query (app/root.tsx?__remix-build-client-route)
const startsOfIndex = [/(^|\/)entry\.client\.[jt]sx?$/, /^app\/root\.[jt]sx?(\?|$)/, /^app\/routes\/_index\.[jt]sx?(\?|$)/];

export function indexJavaScript(buildDirectory = "build"): PageJavaScript {
  const client = path.join(buildDirectory, "client");
  const manifest = JSON.parse(readFileSync(path.join(buildDirectory, ".vite", "client-manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const routeManifests = readdirSync(path.join(client, "assets")).filter((f) => /^manifest-[0-9a-f]+\.js$/.test(f));
  if (routeManifests.length !== 1) throw new Error(`expected one Remix route manifest in ${client}/assets, found ${routeManifests.length}: rebuild`);
  const files = [`assets/${routeManifests[0]}`];
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.includes(chunk.file)) return;
    files.push(chunk.file);
    for (const i of chunk.imports ?? []) visit(i);
  };
  for (const start of startsOfIndex) {
    const key = Object.keys(manifest).find((k) => manifest[k]!.isEntry && start.test(k));
    if (!key) throw new Error(`no entry matching ${start} in ${buildDirectory}/.vite/client-manifest.json`);
    visit(key);
  }
  const loaded = files.map((file) => ({ file, gzipBytes: gzipSync(readFileSync(path.join(client, file))).length }));
  return { files: loaded, gzipBytes: loaded.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

export const kilobytes = (bytes: number) => (bytes / 1024).toFixed(1);

/** One line for the benchmarks and the check: total, file count, the largest files. */
export function describePageJavaScript(js: PageJavaScript): string {
  const largest = [...js.files].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 4);
  return `${kilobytes(js.gzipBytes)} KB gzipped in ${js.files.length} files (budget ${indexJavaScriptBudgetKB} KB); largest: ${largest.map((f) => `${path.basename(f.file)} ${kilobytes(f.gzipBytes)} KB`).join(", ")}`;
}
