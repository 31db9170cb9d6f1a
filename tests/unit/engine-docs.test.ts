// The scoring docs must keep up with the 2017 edition: every leaf and every reading is described.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { loadEditionOrThrow } from "../../lib/rules/load";
import { walkIndicators } from "../../lib/rules/resolve";

const edition = loadEditionOrThrow("rules/sanming-2017");
const scoring = readFileSync("docs/scoring.md", "utf8");
const input = readFileSync("docs/scoring-input.md", "utf8");

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
  test.each(["count", "binary", "ratio", "deduction", "tiers", "choice", "rating", "veto"])("documents the %s value", (type) => {
    expect(input).toContain(`| \`${type}\``);
  });
});
