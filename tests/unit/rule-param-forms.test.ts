// Each rule type module declares its parameter form (what the draft editor renders); the form
// must name exactly the keys of the type's parameter schema, required where the schema is.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ruleForms } from "@/lib/authoring/rule-forms";
import { RULE_TYPES } from "@/lib/rules/types";

describe.each(Object.values(RULE_TYPES).map((m) => [m.type, m] as const))("%s parameter form", (_type, m) => {
  const shape = (m.params as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  const keys = Object.keys(shape).filter((k) => k !== "type");

  it("has one field per parameter, in Chinese, required as the schema is", () => {
    expect(m.paramForm.map((f) => f.key).sort()).toEqual([...keys].sort());
    for (const f of m.paramForm) {
      expect(f.label).toMatch(/[\u4e00-\u9fff]/);
      // optional (or defaulted) in the schema ⇔ not required in the form
      expect({ key: f.key, required: f.required }).toEqual({ key: f.key, required: !shape[f.key].safeParse(undefined).success });
    }
  });

  it("offers exactly the schema's options for an enum", () => {
    for (const f of m.paramForm) {
      if (f.kind !== "enum") continue;
      const opts = (shape[f.key] as unknown as { options: string[] }).options;
      expect(f.options.map((o) => o.value)).toEqual(opts);
    }
  });
});

it("the editor's forms are the modules' own", () => {
  expect(ruleForms().map((f) => [f.type, f.fields])).toEqual(Object.values(RULE_TYPES).map((m) => [m.type, m.paramForm]));
});
