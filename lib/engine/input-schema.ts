// JSON Schema of the scoring input, generated from the zod schema (docs/scoring-input.schema.json
// is this output; a unit test fails when they differ).
import { z } from "zod";
import { ZScoringInput } from "./facts";

export function scoringInputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ZScoringInput, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: "https://egov-assessment.local/schemas/scoring-input.schema.json",
    title: "电子政务绩效考核评分输入（scoring input）",
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== "$schema")),
  };
}

/** The file content, stable (2-space indent, trailing newline). */
export function scoringInputJsonSchemaText(): string {
  return `${JSON.stringify(scoringInputJsonSchema(), null, 2)}\n`;
}
