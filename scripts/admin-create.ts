// npm run admin:create -- --username <name> [--name <姓名>] [--password-stdin]
// Creates an administrator (the first one of a production installation). Without
// --password-stdin a strong password is generated and printed once; it must be changed at
// the first sign-in. Refuses an existing username. Uses DATABASE_URL, the embedded
// PostgreSQL of a running `npm start`, or starts the embedded one for the duration.
import { AdminCreateError, createAdministrator } from "../lib/admin/bootstrap";
import { migrate } from "../lib/db/migrate";
import { createDb } from "../lib/db/prisma";
import { withDatabase } from "./db-target";

const USAGE = "用法 / usage: npm run admin:create -- --username <用户名> [--name <姓名>] [--password-stdin]";

function parseArgs(argv: string[]): { username: string; name?: string; passwordStdin: boolean } {
  let username: string | undefined;
  let name: string | undefined;
  let passwordStdin = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--username") username = argv[++i];
    else if (a.startsWith("--username=")) username = a.slice(11);
    else if (a === "--name") name = argv[++i];
    else if (a.startsWith("--name=")) name = a.slice(7);
    else if (a === "--password-stdin") passwordStdin = true;
    else throw new AdminCreateError(`未知参数 / unknown argument: ${a}\n${USAGE}`);
  }
  if (!username) throw new AdminCreateError(`缺少 --username / --username is required\n${USAGE}`);
  return { username, name, passwordStdin };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const password = args.passwordStdin ? await readStdin() : undefined;
  const log = (m: string) => console.error(m); // progress on stderr, the result on stdout
  await withDatabase(async (url) => {
    await migrate(url, { log: () => {} });
    const db = createDb(url, 1);
    try {
      const a = await createAdministrator(db.prisma, { username: args.username, displayName: args.name, password });
      console.log(`已创建管理员 ${a.username}（${a.displayName}）。/ Administrator ${a.username} created.`);
      if (a.generatedPassword) {
        console.log(`初始密码（只显示这一次，首次登录后须修改）/ initial password (shown once, must be changed at first sign-in):`);
        console.log(a.generatedPassword);
      }
    } finally {
      await db.close();
    }
  }, log);
}

main().catch((e) => {
  console.error(e instanceof AdminCreateError ? e.message : `创建管理员失败 / failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
