import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { READINGS, READING_KEYS } from "@/lib/rules/readings";
import { ZEditionFile, ZPart, ZRule, ZUnitsFile } from "@/lib/rules/schema";

// docs/rules-format.md is what the office's IT staff read to write next year's edition: it
// must name every field the schemas accept, every rule type (with a YAML example) and every
// reading option (with an example). This test walks the zod schemas, so a field added to
// lib/rules/schema.ts without a line in the doc fails here.
const doc = readFileSync("docs/rules-format.md", "utf8");

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; getter?: () => z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every object key reachable from a schema, with the path where it first appears. */
function keysOf(schema: z.ZodType, at = "", out = new Map<string, string>(), seen = new Set<z.ZodType>()): Map<string, string> {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      for (const [k, v] of Object.entries(def.shape!)) {
        if (!out.has(k)) out.set(k, `${at}.${k}`);
        keysOf(v, `${at}.${k}`, out, seen);
      }
      break;
    case "array":
      keysOf(def.element!, `${at}[]`, out, seen);
      break;
    case "optional":
    case "default":
    case "nullable":
    case "prefault":
    case "readonly":
      keysOf(def.innerType!, at, out, seen);
      break;
    case "lazy":
      keysOf(def.getter!(), at, out, seen);
      break;
    case "union":
      for (const o of def.options!) keysOf(o, at, out, seen);
      break;
    case "pipe":
      keysOf(def.in!, at, out, seen);
      break;
    case "record":
      keysOf(def.valueType!, `${at}{}`, out, seen);
      break;
  }
  return out;
}

describe("docs/rules-format.md", () => {
  const files: [string, z.ZodType][] = [
    ["edition.yaml", ZEditionFile],
    ["units.yaml", ZUnitsFile],
    ["part*.yaml", ZPart],
  ];
  for (const [file, schema] of files) {
    it(`mentions every field of ${file} as \`field\``, () => {
      const missing = [...keysOf(schema)].filter(([k]) => !doc.includes(`\`${k}\``)).map(([k, p]) => `${k} (${p})`);
      expect(missing, `fields of ${file} the doc does not name`).toEqual([]);
    });
  }

  it("shows every rule type with a YAML example of it", () => {
    const types = defOf(ZRule).options!.map((o) => (defOf(defOf(o).shape!.type).type === "literal" ? (o as unknown as { shape: { type: { value: string } } }).shape.type.value : ""));
    expect(types.length).toBeGreaterThanOrEqual(8);
    for (const t of types) {
      const heading = doc.indexOf(`**\`${t}\`**`);
      expect(heading, `rule type ${t} has a **\`${t}\`** paragraph`).toBeGreaterThan(-1);
      const next = doc.indexOf("**`", heading + 4);
      const section = doc.slice(heading, next === -1 ? undefined : next);
      expect(section, `rule type ${t} has a yaml example`).toMatch(new RegExp("```yaml[\\s\\S]*type: " + t + "\\b"));
    }
  });

  it("names every reading option of the registry, each with an example row", () => {
    const table = doc.slice(doc.indexOf("### Every reading option, with an example"));
    expect(table.length).toBeGreaterThan(100);
    for (const key of READING_KEYS) {
      for (const option of Object.keys(READINGS[key].options)) {
        expect(table, `${key}: ${option}`).toMatch(new RegExp(`\\|\\s*\`${key.replace(".", "\\.")}\`\\s*\\|\\s*\`${option}\`\\s*\\|[^|\\n]*\\|[^|\\n]*\\S[^|\\n]*\\|`));
      }
    }
  });
});
