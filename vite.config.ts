import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig), tsconfigPaths()],
  server: { port: 3000 },
  // Remix moves Vite's manifest to build/.vite/client-manifest.json (not served): scripts/bundle-size.ts reads the chunks of "/" from it
  build: {
    manifest: true,
    // @stdlib's quantiles are CommonJS, which Rollup must otherwise keep wherever a module that imports them is
    // loaded, even for that module's labels alone; they have no side effects (ADR 036)
    rollupOptions: { treeshake: { moduleSideEffects: (id) => !id.includes("/node_modules/@stdlib/") } },
  },
  // recharts is bundled into the server build so the server draws with the same ESM d3 code as the
  // browser (the CommonJS build formats path numbers differently and breaks hydration).
  ssr: { external: ["@electric-sql/pglite", "postgres"], noExternal: ["recharts", "victory-vendor"] },
});
