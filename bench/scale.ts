// `npm run bench:scale`: the dashboard's whole path at 100 / 1,000 / 10,000 units — load
// every fact of the edition from PostgreSQL, validate, score every unit, rank — with the
// time of each phase and the memory, to show the growth is linear and where time goes.
// Each size gets its own database on one embedded PostgreSQL. Options: --sizes 100,1000,10000
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { compileEdition, scoreEdition, validateScoringInput, type TItemFact } from "../lib/engine";
import { rankUnits } from "../lib/engine/rank";
import { fromExactString } from "../lib/engine/exact";
import { startEmbedded } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { createDb } from "../lib/db/prisma";
import { loadEditionOrThrow } from "../lib/rules/load";
import type { TEdition } from "../lib/rules/schema";
import { loadSynthetic } from "../lib/synthetic/load";
import { createFreshDatabase, freePort, withDatabase } from "../tests/setup/pg";

const sizesArg = process.argv.indexOf("--sizes");
const SIZES = (sizesArg >= 0 ? process.argv[sizesArg + 1] : "100,1000,10000").split(",").map(Number);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

type Row = { units: number; facts: number; query: number; validate: number; compile: number; score: number; rank: number; total: number; heapMb: string; rssMb: string };

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "egov-scale-"));
  chmodSync(tmp, 0o755);
  const pg = await startEmbedded({ dataDir: tmp, pgDir: path.join(tmp, "pg"), port: await freePort(), log: () => {} });
  const base = loadEditionOrThrow("rules/sanming-2017");
  const rows: Row[] = [];
  try {
    for (const n of SIZES) {
      const fresh = await createFreshDatabase(withDatabase(pg.url, "postgres"), "egov_scale");
      await migrate(fresh.url);
      const db = createDb(fresh.url, 4);
      const gen = await loadSynthetic(db, base, n, { log: console.log });
      global.gc?.();
      const heap0 = process.memoryUsage().heapUsed;

      // 1. the dashboard query: every fact and 加重扣分 of the edition
      let t = performance.now();
      const editionRow = await db.prisma.edition.findUniqueOrThrow({ where: { id: gen.editionId }, select: { data: true, key: true } });
      const rowsDb = await db.prisma.itemFact.findMany({ where: { editionId: gen.editionId }, select: { unitCode: true, itemCode: true, source: true, payload: true } });
      const query = performance.now() - t;
      const facts = rowsDb.map((f): TItemFact => ({ ...(f.payload as object), unit: f.unitCode, item: f.itemCode, source: f.source }) as TItemFact);

      // 2. compile the edition (once per edition version in the app)
      t = performance.now();
      const compiled = compileEdition(editionRow.data as unknown as TEdition);
      const compile = performance.now() - t;

      // 3. validate, 4. score every unit (scorecards + rankings)
      t = performance.now();
      const v = validateScoringInput(compiled, { edition: editionRow.key, facts });
      const validate = performance.now() - t;
      if (!v.ok) throw new Error(v.errors[0].message);
      t = performance.now();
      const result = scoreEdition(compiled, v.input, { validated: true });
      const score = performance.now() - t;

      // 5. ranking alone (already inside scoreEdition): the share sorting takes
      t = performance.now();
      for (const r of result.rankings) rankUnits(r.entries.map((e) => ({ unit: e.unit, name: e.name, score: fromExactString(e.score.exact), complete: e.complete, vetoed: e.vetoed })));
      const rank = performance.now() - t;

      const heap = process.memoryUsage().heapUsed - heap0;
      rows.push({ units: n, facts: facts.length, query, validate, compile, score, rank, total: query + compile + validate + score, heapMb: mb(heap), rssMb: mb(process.memoryUsage().rss) });
      await db.close();
      await fresh.drop();
    }
  } finally {
    await pg.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
  const f = (x: number) => x.toFixed(0);
  console.log(`\n机器：${os.cpus().length} 核 ${os.cpus()[0]?.model ?? ""}，Node ${process.version}，${new Date().toISOString()}\n`);
  console.log("| 单位数 | 事实条数 | 查询 ms | 编译 ms | 校验 ms | 计分+排名 ms | 其中排名 ms | 合计 ms | 每单位 ms | 堆增量 MB | RSS MB |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.units} | ${r.facts} | ${f(r.query)} | ${f(r.compile)} | ${f(r.validate)} | ${f(r.score)} | ${f(r.rank)} | ${f(r.total)} | ${(r.total / r.units).toFixed(2)} | ${r.heapMb} | ${r.rssMb} |`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
