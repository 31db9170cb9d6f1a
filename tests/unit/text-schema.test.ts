// The shared free-text schema (lib/zod/text.ts) and the URL filters built on it.
import { describe, expect, it } from "vitest";
import { ZAuditQuery } from "@/lib/audit-view/query";
import { ZIndicatorsQuery } from "@/lib/indicators/query";
import { ZQueueQuery } from "@/lib/review/queue";
import { ZUserListQuery } from "@/lib/admin/schemas";
import { freeText, hasUnsavableChars, TEXT_LIMITS, ZNote } from "@/lib/zod/text";

describe("freeText", () => {
  it.each([
    ["plain Chinese with tab and line breaks", "第一行\t说明\r\n第二行", true],
    ["emoji (a surrogate pair)", "好 😀", true],
    ["NUL", "a\u0000b", false],
    ["BEL", "a\u0007b", false],
    ["DEL", "a\u007fb", false],
    ["a lone high surrogate", "a\ud800b", false],
    ["a lone low surrogate at the end", "ab\udc00", false],
  ])("%s → %s", (_label, s, ok) => {
    expect(hasUnsavableChars(s)).toBe(!ok);
    expect(ZNote.safeParse(s).success).toBe(ok);
  });

  it("bounds every kind with a Chinese message naming the field", () => {
    for (const [kind, max] of Object.entries(TEXT_LIMITS)) {
      const schema = freeText(kind as keyof typeof TEXT_LIMITS, "字段");
      expect(schema.safeParse("字".repeat(max)).success).toBe(true);
      expect(schema.safeParse("字".repeat(max + 1)).error?.issues[0].message).toBe(`字段最多 ${max} 字`);
    }
    expect(freeText("reason", "调整理由").min(1, "请填写调整理由").safeParse("   ").error?.issues[0].message).toBe("请填写调整理由");
  });
});

describe("URL filters with a NUL fall back to no filter (no 500 from PostgreSQL)", () => {
  it("audit, indicators, review queue, user list", () => {
    expect(ZAuditQuery.parse({ unit: "a\u0000", item: "\ud800", action: "x\u0000" })).toMatchObject({ unit: "", item: "", action: "" });
    expect(ZIndicatorsQuery.parse({ q: "\u0000", unit: "u\u0000" })).toMatchObject({ q: undefined, unit: undefined });
    expect(ZQueueQuery.parse({ q: "\u0000", part: "\u0000" })).toMatchObject({ q: "", part: "" });
    expect(ZUserListQuery.parse({ q: "\u0000", unit: "\ud800" })).toMatchObject({ q: "", unit: "" });
  });
});
