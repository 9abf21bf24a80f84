import path from "node:path";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

/** A route file may import its own `.server` module beside it and nothing else under app/routes. */
const ownRouteModulesOnly = {
  meta: { type: "problem", schema: [] },
  create(context) {
    const routes = path.resolve("app/routes");
    const own = path.basename(context.filename).replace(/(\.server)?\.tsx?$/, "");
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        const target = spec.startsWith("~/") ? path.resolve("app", spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(context.filename), spec) : null;
        if (!target || path.dirname(target) !== routes) return;
        if (path.basename(target).replace(/\.server$/, "").replace(/\.tsx?$/, "") === own) return;
        context.report({ node: node.source, message: `No route imports another route: move what ${spec} shares into app/server.` });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ["build/", ".data/", "node_modules/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", { selector: "TSEnumDeclaration", message: "Use `as const` arrays and union types instead of enums." }],
    },
  },
  {
    // The layers (ADR 017): routes → app/server → db → app/domain; components → app/domain.
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })] },
    rules: {
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./app/domain",
              from: ["./app/server", "./app/routes", "./app/components", "./db", "./scripts", "./server.ts"],
              message: "app/domain is pure: it imports nothing from the server, the database or the UI.",
            },
            {
              target: "./db",
              from: ["./app/server", "./app/routes", "./app/components", "./scripts"],
              message: "db/ imports only app/domain.",
            },
            {
              target: "./app/server",
              from: ["./app/routes", "./app/components", "./scripts"],
              message: "app/server is called by routes, never the other way round.",
            },
            {
              target: "./app/components",
              from: ["./app/server", "./app/routes", "./db"],
              message: "Components draw from props and app/domain; data comes through loaders.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{ts,tsx}"],
    ignores: ["app/server/audit/write.server.ts", "db/queries/audit.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [], patterns: [{ group: ["**/db/queries/audit"], importNames: ["recordAudit"], message: "Audit entries are written by writeAudit (app/server/audit/write.server.ts), the only writer." }] },
      ],
    },
  },
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "app/domain runs in the browser too: no Node modules." },
            { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*", "iconv-lite", "express", "@remix-run/node", "@remix-run/express"], message: "app/domain imports nothing server-side." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}"],
    plugins: { tsunagu: { rules: { "own-route-modules-only": ownRouteModulesOnly } } },
    rules: { "tsunagu/own-route-modules-only": "error" },
  },
  {
    files: ["app/routes/**/*.tsx"],
    rules: {
      // Route files export only Remix exports; helpers live in a *.server.ts beside them.
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ExportNamedDeclaration > :matches(FunctionDeclaration, VariableDeclaration > VariableDeclarator) > Identifier.id:not([name=/^(loader|action|meta|links|headers|handle|shouldRevalidate|ErrorBoundary)$/])",
          message: "Route files export only Remix exports (loader, action, meta, default…).",
        },
      ],
    },
  },
);
