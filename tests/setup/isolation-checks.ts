// Shared body of tests/integration/isolation-a.test.ts and isolation-b.test.ts: each file
// first checks it sees nothing another test file left behind, then leaves exactly such
// traces itself. Test files share worker processes (vitest.config.ts: isolate: false), so
// when the two files run one after the other in one worker, the second fails if
// tests/setup/fresh-modules.ts or worker-db.ts stops resetting what is checked here.
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "@/lib/db/prisma";

const MARK = "EGOV_ISOLATION_MARK";

export function isolationChecks(name: string) {
  describe(`test file isolation (${name})`, () => {
    let before: { env: string | undefined; db: boolean; calendarDays: number; rows: number };
    beforeAll(async () => {
      const workdays = await import("@/lib/workdays");
      const g = globalThis as unknown as { __egovDb?: unknown };
      const db = createDb(inject("databaseUrl"), 1);
      try {
        before = {
          env: process.env[MARK],
          db: g.__egovDb !== undefined,
          calendarDays: workdays.getOfficeCalendar().days.size,
          rows: await db.prisma.appSetting.count({ where: { key: { startsWith: "isolation-" } } }),
        };
        // the traces the other file must not see
        process.env[MARK] = name;
        workdays.setOfficeCalendar([{ date: "2030-01-02", kind: "holiday", name: `隔离测试 ${name}` }]);
        process.env.DATABASE_URL = inject("databaseUrl");
        (await import("@/lib/db/client")).getDb();
        await db.prisma.appSetting.create({ data: { key: `isolation-${name}`, value: name } });
      } finally {
        await db.close();
      }
    });

    it("starts with no variable another file set in process.env", () => expect(before.env).toBeUndefined());
    it("starts without the server's database handle of another file", () => expect(before.db).toBe(false));
    it("starts with lib's module state fresh (the office calendar another file set is gone)", () => expect(before.calendarDays).toBe(0));
    it("starts with a database of its own (no rows another file wrote)", () => expect(before.rows).toBe(0));
  });
}
