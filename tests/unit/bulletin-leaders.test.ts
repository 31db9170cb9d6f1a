// 考核结果通报's summary names who leads each group; a tie is never reported as one
// unit's first place (on empty data every unit is tied at 0).
import { describe, expect, it } from "vitest";
import { leaders } from "@/lib/documents/data";

const row = (rank: number, name: string, total: string) => ({ rank, name, total });

describe("leaders() in the bulletin's summary", () => {
  it("names the one first place", () => {
    expect(leaders([row(1, "市财政局", "95.29"), row(2, "市方志委", "93.54")])).toBe("第一名市财政局（95.29 分）");
  });
  it("names up to three units tied for first", () => {
    expect(leaders([row(1, "甲", "90"), row(1, "乙", "90"), row(3, "丙", "80")])).toBe("甲、乙并列第一名（90 分）");
  });
  it("counts more than three tied for first instead of naming one", () => {
    expect(leaders([row(1, "甲", "90"), row(1, "乙", "90"), row(1, "丙", "90"), row(1, "丁", "90"), row(5, "戊", "10")])).toBe("4 个单位并列第一名（90 分）");
  });
  it("says every unit scored the same when all are tied (e.g. no facts yet)", () => {
    expect(leaders(Array.from({ length: 32 }, (_, i) => row(1, `单位${i}`, "0")))).toBe("各单位得分相同（均为 0 分）");
  });
});
