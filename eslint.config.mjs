import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  // Layers (docs/architecture.md): rules/ → lib/ → app/ → components/. lib/ is domain code
  // and never reaches up into the UI or the routes; components/ never imports a route module,
  // except the server-action modules ("use server" files app/**/actions.ts), which client
  // components must import by module to call.
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/components", "@/components/*", "**/components/*"], message: "lib/ 不得依赖 components/（界面层）：把领域逻辑放在 lib/，组件只保留 React。" },
            { group: ["@/app", "@/app/*", "**/app/*"], message: "lib/ 不得依赖 app/（路由层）。" },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ regex: "^(@/|(\\.\\./)+)app(/(?!(.+/)?actions$).*)?$", message: "components/ 不得依赖 app/（路由层），服务器动作模块（actions）除外：类型和领域逻辑放在 lib/。" }],
        },
      ],
    },
  },
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "tmp-*/**", "next-env.d.ts"],
  },
];

export default config;
