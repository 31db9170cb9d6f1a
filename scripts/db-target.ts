// For command-line tools: a database URL for this installation. Uses DATABASE_URL, or the
// embedded PostgreSQL of a running `npm start`, or starts the embedded one for the duration.
import { resolveDbTarget } from "../lib/db/config";
import { runningEmbeddedUrl, startEmbedded } from "../lib/db/embedded";

export async function withDatabase<T>(fn: (url: string) => Promise<T>, log: (m: string) => void = console.log): Promise<T> {
  const target = resolveDbTarget();
  if (target.kind === "external") return fn(target.url);
  const running = await runningEmbeddedUrl(target);
  if (running) return fn(running);
  const pg = await startEmbedded({ ...target, log });
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}
