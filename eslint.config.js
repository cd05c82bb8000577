// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "reports/**/*.js", "coverage/**", ".tmp/**", "out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use a seeded generator (src/random)." },
      ],
    },
  },
  {
    files: ["src/model/**", "src/network/**"],
    rules: {
      "no-restricted-globals": ["error", "Date", "performance", "process", "console"],
    },
  },
);
