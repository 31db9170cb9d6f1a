import { describe, expect, inject, it } from "vitest";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { createFreshDatabase } from "../setup/pg";
import { diffShapes, parsePrismaSchema, readDatabaseShape } from "../setup/schema-drift";

describe("schema.prisma vs the migrated database", () => {
  it("agree: tables, columns, types, nullability, unique constraints", async () => {
    const diff = diffShapes(parsePrismaSchema("prisma/schema.prisma"), await readDatabaseShape(inject("databaseUrl")));
    expect(diff).toEqual([]);
  });

  it("drift is caught: a column changed outside the migrations is reported", async () => {
    const fresh = await createFreshDatabase(inject("adminUrl"));
    try {
      await migrate(fresh.url);
      const c = new pg.Client({ connectionString: fresh.url });
      await c.connect();
      await c.query(`ALTER TABLE unit ALTER COLUMN name DROP NOT NULL`);
      await c.query(`ALTER TABLE unit ADD COLUMN stray integer`);
      await c.query(`DROP INDEX edition_key_checksum_key`);
      await c.end();
      const diff = diffShapes(parsePrismaSchema("prisma/schema.prisma"), await readDatabaseShape(fresh.url));
      expect(diff).toEqual(
        expect.arrayContaining([
          "unit.name: NOT NULL in schema.prisma, nullable in database",
          "unit.stray: in database, missing in schema.prisma",
          "edition: unique (checksum,key) in schema.prisma, missing in database",
        ]),
      );
    } finally {
      await fresh.drop();
    }
  });
});
