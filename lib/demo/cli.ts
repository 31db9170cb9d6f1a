// Child-process entry of loadDemoData (index.ts). The workflow modules begin with
// `import "server-only"`, which throws outside React Server Components, and lib/auth
// imports next-auth the way the Next.js bundler resolves it; so they are loaded here as
// CommonJS through tsx, with the "server-only" marker stubbed out. Prints progress lines
// and, last, one result line for the parent.
import Module from "node:module";
import { require as tsxRequire } from "tsx/cjs/api";

const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === "server-only" ? {} : load.call(this, request, ...rest);
};

type Apply = typeof import("./apply");
type Client = typeof import("../db/client");
const { applyDemoData } = tsxRequire("./apply.ts", import.meta.url) as Apply;
const { getDb } = tsxRequire("../db/client.ts", import.meta.url) as Client;

try {
  const result = await applyDemoData({
    log: (m) => console.log(m),
    editionKey: process.env.DEMO_EDITION_KEY || undefined,
    seed: process.env.DEMO_SEED ? Number(process.env.DEMO_SEED) : undefined,
  });
  console.log(`@@demo-result ${JSON.stringify(result)}`);
  await getDb().close();
  process.exit(0);
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
}
