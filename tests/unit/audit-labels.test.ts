// Every action and every field the code writes to the audit trail reads in Chinese on the
// 审计日志 page: the calls are found in the source (lib/ and app/), so a new action or field
// without a label fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_LABELS, ENTITY_LABELS, FIELD_LABELS, actionLabel } from "@/lib/audit-view/labels";
import { diffAudit } from "@/lib/audit-view/diff";

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/** The text of each call `name(...)`, parentheses balanced. */
function calls(text: string, name: string): string[] {
  const out: string[] = [];
  let i = text.indexOf(`${name}(`);
  while (i >= 0) {
    let depth = 0;
    let j = i + name.length;
    for (; j < text.length; j++) {
      if (text[j] === "(") depth++;
      else if (text[j] === ")" && --depth === 0) break;
    }
    out.push(text.slice(i, j + 1));
    i = text.indexOf(`${name}(`, j);
  }
  return out;
}

/** The object literal after `key:` in a call, braces balanced, or null. */
function objectAfter(call: string, key: string): string | null {
  const m = new RegExp(`\\b${key}:\\s*\\{`).exec(call);
  if (!m) return null;
  let depth = 0;
  for (let j = m.index + m[0].length - 1; j < call.length; j++) {
    if (call[j] === "{") depth++;
    else if (call[j] === "}" && --depth === 0) return call.slice(m.index + m[0].length - 1, j + 1);
  }
  return null;
}

/** Top-level keys of an object literal: `a: …`, shorthand `a,` and `...spread` skipped. */
function topKeys(obj: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let token = "";
  for (const ch of obj.slice(1, -1) + ",") {
    if ("{[(".includes(ch)) depth++;
    if ("}])".includes(ch)) depth--;
    if (depth === 0 && (ch === "," || ch === ":")) {
      const t = token.trim();
      if (ch === ":" && /^\w+$/.test(t)) keys.push(t);
      else if (ch === "," && /^\w+$/.test(t)) keys.push(t); // shorthand
      token = ch === ":" ? "\u0000" : "";
      continue;
    }
    if (token === "\u0000") continue; // skipping a value up to the next top-level comma
    token += ch;
  }
  return keys;
}

const files = [...sources("lib"), ...sources("app")].filter((f) => !f.endsWith(path.join("lib", "audit.ts")));
const auditCalls = files.flatMap((f) => calls(readFileSync(f, "utf8"), "writeAudit").map((c) => ({ file: f, call: c })));

describe("audit labels", () => {
  it("finds the audit calls", () => {
    expect(auditCalls.length).toBeGreaterThan(20);
  });

  it("every action name written anywhere has a Chinese label", () => {
    const actions = new Set<string>();
    const indirect = new Set<string>(); // files passing the action in a variable
    for (const { file, call } of auditCalls) {
      const m = /\baction(?::\s*([^,}]+))?[,}]/.exec(call);
      // `{ ...audit, before, after }`: the action comes from a spread object built earlier in the file
      if (!m && /\{\s*\.\.\.\w+/.test(call)) {
        indirect.add(file);
        continue;
      }
      expect(m, call.slice(0, 200)).not.toBeNull();
      const literals = [...(m![1] ?? "").matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)].map((x) => x[1]);
      if (literals.length === 0) indirect.add(file);
      for (const a of literals) actions.add(a);
    }
    // where the action comes from a variable, every action-shaped literal of the file counts
    const prefixes = new Set([...actions].map((a) => a.split(".")[0]));
    for (const file of indirect) {
      for (const lit of readFileSync(file, "utf8").matchAll(/"([a-z_]+(?:\.[a-z_]+)+)"/g)) if (prefixes.has(lit[1].split(".")[0])) actions.add(lit[1]);
    }
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !ACTION_LABELS[a])).toEqual([]);
    for (const a of actions) expect(actionLabel(a)).toMatch(/[\u4e00-\u9fff]/);
  });

  it("every entity type written has a Chinese label", () => {
    const types = new Set(auditCalls.flatMap(({ call }) => [...call.matchAll(/entityType:\s*"([a-z_]+)"/g)].map((m) => m[1])));
    expect(types.size).toBeGreaterThan(5);
    expect([...types].filter((t) => !ENTITY_LABELS[t])).toEqual([]);
  });

  it("every field written in before/after has a Chinese label", () => {
    const fields = new Set<string>();
    for (const { call } of auditCalls) {
      for (const side of ["before", "after"]) {
        const obj = objectAfter(call, side);
        if (obj) for (const k of topKeys(obj)) fields.add(k);
      }
    }
    // snapshots built by helpers (users)
    for (const k of ["username", "displayName", "roles", "unitCode", "disabled"]) fields.add(k);
    expect(fields.size).toBeGreaterThan(10);
    expect([...fields].filter((k) => !FIELD_LABELS[k])).toEqual([]);
  });

  it("an evidence upload reads in Chinese, with a readable size and type", () => {
    const rows = diffAudit(null, { kind: "file", fileName: "a.pdf", mimeType: "application/pdf", sizeBytes: 2_500_000, sha256: "ab".repeat(32) }, { unitName: (c) => c, itemName: (c) => c, partName: (c) => c });
    const text = rows.map((r) => `${r.label}=${r.after}`).join("\n");
    expect(text).not.toMatch(/\b(kind|mimeType|sizeBytes|sha256|fileName)\b/);
    expect(text).toContain("类型=文件");
    expect(text).toContain("2.4 MB");
    expect(text).toContain("PDF");
  });
});
