// Compares prisma/schema.prisma with a migrated database: tables, columns, types,
// nullability and unique constraints. A small parser for the subset of the Prisma schema
// language this project uses (models, enums, @map/@@map, @id, @unique, @@unique, @db.*).
import { readFileSync } from "node:fs";
import pg from "pg";

type Col = { type: string; nullable: boolean };
export type SchemaShape = { tables: Map<string, Map<string, Col>>; uniques: Map<string, Set<string>> };

const SCALARS: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Bytes: "bytea",
};

export function parsePrismaSchema(file: string): SchemaShape {
  const src = readFileSync(file, "utf8").replace(/\/\/.*$/gm, "");
  const enums = new Set([...src.matchAll(/enum\s+(\w+)\s*\{/g)].map((m) => m[1]));
  const modelNames = new Set([...src.matchAll(/model\s+(\w+)\s*\{/g)].map((m) => m[1]));
  const tables = new Map<string, Map<string, Col>>();
  const uniques = new Map<string, Set<string>>();
  for (const m of src.matchAll(/model\s+(\w+)\s*\{([\s\S]*?)\n\}/g)) {
    const body = m[2];
    const table = body.match(/@@map\("([^"]+)"\)/)?.[1] ?? m[1];
    const cols = new Map<string, Col>();
    const fieldToCol = new Map<string, string>();
    const uniq = new Set<string>();
    for (const raw of body.split("\n")) {
      const line = raw.trim();
      if (!line || line.startsWith("@@")) continue;
      const f = line.match(/^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/);
      if (!f) continue;
      const [, name, type, list, opt, attrs] = f;
      if (modelNames.has(type)) continue; // relation field
      const col = attrs.match(/@map\("([^"]+)"\)/)?.[1] ?? name;
      fieldToCol.set(name, col);
      let t: string;
      if (enums.has(type)) t = `enum:${type}`;
      else if (/@default\(autoincrement\(\)\)/.test(attrs) && type === "Int") t = "integer";
      else t = SCALARS[type];
      const db = attrs.match(/@db\.(\w+)(?:\(([^)]*)\))?/);
      if (db) {
        const [, nt, args] = db;
        if (nt === "Timestamptz") t = `timestamptz(${args ?? 6})`;
        else if (nt === "Timestamp") t = `timestamp(${args ?? 6})`;
        else if (nt === "Decimal") t = `numeric(${(args ?? "65,30").replace(/\s/g, "")})`;
        else if (nt === "VarChar") t = `varchar(${args})`;
        else if (nt === "Uuid") t = "uuid";
        else if (nt === "Date") t = "date";
        else if (nt === "Text") t = "text";
        else if (nt === "Inet") t = "inet";
        else if (nt === "SmallInt") t = "smallint";
      }
      if (list) t = `${t}[]`;
      cols.set(col, { type: t, nullable: Boolean(opt) || Boolean(list) });
      if (/@id\b/.test(attrs) || /@unique\b/.test(attrs)) uniq.add(col);
    }
    for (const u of body.matchAll(/@@(?:unique|id)\(\[([^\]]+)\]/g)) {
      uniq.add(
        u[1]
          .split(",")
          .map((s) => fieldToCol.get(s.trim()) ?? s.trim())
          .sort()
          .join(","),
      );
    }
    tables.set(table, cols);
    uniques.set(table, uniq);
  }
  return { tables, uniques };
}

export async function readDatabaseShape(url: string, ignore: string[] = ["_app_migrations"]): Promise<SchemaShape> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cols = await c.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, numeric_precision, numeric_scale, datetime_precision, character_maximum_length
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`);
    const tables = new Map<string, Map<string, Col>>();
    for (const r of cols.rows) {
      if (ignore.includes(r.table_name)) continue;
      if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
      let t: string;
      const udt: string = r.udt_name;
      const base = r.data_type === "ARRAY" ? udt.slice(1) : udt;
      const names: Record<string, string> = { date: "date", text: "text", int4: "integer", int8: "bigint", int2: "smallint", bool: "boolean", jsonb: "jsonb", float8: "double precision", bytea: "bytea", uuid: "uuid", inet: "inet" };
      if (base === "numeric") t = `numeric(${r.numeric_precision},${r.numeric_scale})`;
      else if (base === "timestamptz") t = `timestamptz(${r.datetime_precision})`;
      else if (base === "timestamp") t = `timestamp(${r.datetime_precision})`;
      else if (base === "varchar") t = `varchar(${r.character_maximum_length})`;
      else if (r.data_type === "USER-DEFINED" || (r.data_type === "ARRAY" && !names[base])) t = `enum:${base}`;
      else t = names[base] ?? base;
      if (r.data_type === "ARRAY") t = `${t}[]`;
      tables.get(r.table_name)!.set(r.column_name, { type: t, nullable: r.is_nullable === "YES" });
    }
    const idx = await c.query(`
      SELECT t.relname AS table_name, array_agg(a.attname::text ORDER BY a.attname::text) AS cols
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY(i.indkey)
      WHERE n.nspname = 'public' AND i.indisunique GROUP BY t.relname, i.indexrelid`);
    const uniques = new Map<string, Set<string>>();
    for (const r of idx.rows) {
      if (ignore.includes(r.table_name)) continue;
      if (!uniques.has(r.table_name)) uniques.set(r.table_name, new Set());
      uniques.get(r.table_name)!.add((r.cols as string[]).sort().join(","));
    }
    return { tables, uniques };
  } finally {
    await c.end();
  }
}

/** Human-readable differences; empty when the two agree. */
export function diffShapes(schema: SchemaShape, db: SchemaShape): string[] {
  const out: string[] = [];
  for (const [t, cols] of schema.tables) {
    const dbCols = db.tables.get(t);
    if (!dbCols) {
      out.push(`table ${t}: in schema.prisma, missing in database`);
      continue;
    }
    for (const [c, col] of cols) {
      const d = dbCols.get(c);
      if (!d) out.push(`${t}.${c}: in schema.prisma, missing in database`);
      else {
        if (d.type !== col.type) out.push(`${t}.${c}: type ${col.type} in schema.prisma, ${d.type} in database`);
        if (d.nullable !== col.nullable) out.push(`${t}.${c}: ${col.nullable ? "nullable" : "NOT NULL"} in schema.prisma, ${d.nullable ? "nullable" : "NOT NULL"} in database`);
      }
    }
    for (const c of dbCols.keys()) if (!cols.has(c)) out.push(`${t}.${c}: in database, missing in schema.prisma`);
    const su = schema.uniques.get(t) ?? new Set();
    const du = db.uniques.get(t) ?? new Set();
    for (const u of su) if (!du.has(u)) out.push(`${t}: unique (${u}) in schema.prisma, missing in database`);
    for (const u of du) if (!su.has(u)) out.push(`${t}: unique (${u}) in database, missing in schema.prisma`);
  }
  for (const t of db.tables.keys()) if (!schema.tables.has(t)) out.push(`table ${t}: in database, missing in schema.prisma`);
  return out;
}
