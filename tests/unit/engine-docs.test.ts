// The scoring docs must keep up with the 2017 edition: every leaf and every reading is described.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { READING_KEYS, READINGS } from "../../lib/rules/readings";
import { walkIndicators } from "../../lib/rules/resolve";
import { RULE_TYPES } from "../../lib/rules/types";

const edition = loadEditionOrThrow("rules/sanming-2017");
const scoring = readFileSync("docs/scoring.md", "utf8");
const input = readFileSync("docs/scoring-input.md", "utf8");
const format = readFileSync("docs/rules-format.md", "utf8");

describe("docs/scoring.md", () => {
  const nodes = edition.parts.flatMap((p) => [...walkIndicators(p.indicators)].map((w) => w.node));
  test.each(nodes.map((n) => [n.code, n.name]))("describes %s %s", (code) => {
    expect(scoring).toContain(`（${code}，`);
  });
  const readings = new Set(edition.parts.flatMap((p) => [...(p.readings ?? []), ...nodes.flatMap((n) => n.readings ?? [])].map((r) => r.id)));
  test.each([...readings])("cites reading %s", (id) => {
    expect(scoring).toContain(`**${id}**`);
  });
});

describe("docs/scoring-input.md", () => {
  test.each(Object.keys(RULE_TYPES))("documents the %s value", (type) => {
    expect(input).toContain(`| \`${type}\``);
  });
});

describe("reading options are documented", () => {
  const rows = READING_KEYS.flatMap((k) => Object.keys(READINGS[k].options).map((o) => [k, o]));
  test.each(rows)("docs/scoring.md lists %s = %s with its example row", (key, option) => {
    const row = scoring.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
    expect(row, `no row for ${key} in "Reading options"`).toBeDefined();
    expect(row).toContain(`\`${option}\``);
  });
  test.each(READING_KEYS)("docs/rules-format.md shows %s in the edition.yaml example", (key) => {
    expect(format).toMatch(new RegExp(`\\n  ${key.replace(".", "\\.")}: `));
  });
});
