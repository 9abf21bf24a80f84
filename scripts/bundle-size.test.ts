import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { indexJavaScript } from "./bundle-size";

const made: string[] = [];
afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function build(manifest: Record<string, { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }>, routeManifests = ["manifest-0a1b2c3d.js"]) {
  const dir = mkdtempSync(path.join(tmpdir(), "bundle-size-"));
  made.push(dir);
  mkdirSync(path.join(dir, ".vite"));
  mkdirSync(path.join(dir, "client", "assets"), { recursive: true });
  writeFileSync(path.join(dir, ".vite", "client-manifest.json"), JSON.stringify(manifest));
  for (const file of [...Object.values(manifest).map((c) => c.file), ...routeManifests.map((f) => `assets/${f}`)]) {
    writeFileSync(path.join(dir, "client", file), `/* ${file} */ export const x = ${JSON.stringify(file.repeat(20))};`);
  }
  return dir;
}

describe("indexJavaScript", () => {
  it("counts the route manifest, the entry, root and the index route with their static imports, each once", () => {
    const dir = build({
      "node_modules/@remix-run/dev/dist/config/defaults/entry.client.tsx": { file: "assets/entry.client-1.js", isEntry: true, imports: ["_components-1.js"] },
      "_components-1.js": { file: "assets/components-1.js" },
      "app/root.tsx?__remix-build-client-route": { file: "assets/root-1.js", isEntry: true, imports: ["_components-1.js"] },
      "app/routes/_index.tsx?__remix-build-client-route": { file: "assets/_index-1.js", isEntry: true, imports: ["_MetricLabel-1.js"], dynamicImports: ["app/components/charts/drawings.ts"] },
      "_MetricLabel-1.js": { file: "assets/MetricLabel-1.js", imports: ["_metric-catalogue-1.js"] },
      "_metric-catalogue-1.js": { file: "assets/metric-catalogue-1.js" },
      "app/components/charts/drawings.ts": { file: "assets/drawings-1.js", isEntry: false, imports: ["_components-1.js"] },
      "app/routes/indicators._index.tsx?__remix-build-client-route": { file: "assets/indicators._index-1.js", isEntry: true, imports: ["_indicators-1.js"] },
      "_indicators-1.js": { file: "assets/indicators-1.js" },
    });
    const js = indexJavaScript(dir);
    expect(js.files.map((f) => f.file)).toEqual([
      "assets/manifest-0a1b2c3d.js",
      "assets/entry.client-1.js",
      "assets/components-1.js",
      "assets/root-1.js",
      "assets/_index-1.js",
      "assets/MetricLabel-1.js",
      "assets/metric-catalogue-1.js",
    ]);
    const root = js.files.find((f) => f.file === "assets/root-1.js")!;
    expect(root.gzipBytes).toBe(gzipSync(`/* assets/root-1.js */ export const x = ${JSON.stringify("assets/root-1.js".repeat(20))};`).length);
    expect(js.gzipBytes).toBe(js.files.reduce((sum, f) => sum + f.gzipBytes, 0));
  });

  it("refuses a build with stale route manifests beside the current one", () => {
    const dir = build(
      {
        "node_modules/@remix-run/dev/dist/config/defaults/entry.client.tsx": { file: "assets/entry.client-1.js", isEntry: true },
        "app/root.tsx?__remix-build-client-route": { file: "assets/root-1.js", isEntry: true },
        "app/routes/_index.tsx?__remix-build-client-route": { file: "assets/_index-1.js", isEntry: true },
      },
      ["manifest-0a1b2c3d.js", "manifest-4e5f6a7b.js"],
    );
    expect(() => indexJavaScript(dir)).toThrow(/found 2/);
  });
});
