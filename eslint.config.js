import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

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
