import type { ServerBuild } from "@remix-run/node";
import * as rootModule from "../../app/root";

/**
 * The server build's route manifest for tests, from app/routes by Remix's flat-routes convention (the
 * subset this app uses: `.` nests, `$x` is a param, `_index` an index route, a trailing `_` opts out of
 * layout nesting). All routes are children of root, as in the app.
 */
export function testRouteManifest(): ServerBuild["routes"] {
  const modules = import.meta.glob("../../app/routes/*.tsx", { eager: true });
  const manifest: ServerBuild["routes"] = {
    root: { id: "root", path: "", module: rootModule as never },
  };
  for (const [file, module] of Object.entries(modules)) {
    const name = file.replace(/^.*\/routes\//, "").replace(/\.tsx$/, "");
    const segments = name.split(".");
    const index = segments.at(-1) === "_index";
    const path = segments
      .filter((s) => s !== "_index")
      .map((s) => s.replace(/_$/, "").replace(/^\$/, ":"))
      .join("/");
    manifest[`routes/${name}`] = { id: `routes/${name}`, parentId: "root", path: path || undefined, index: index || undefined, module: module as never };
  }
  return manifest;
}
