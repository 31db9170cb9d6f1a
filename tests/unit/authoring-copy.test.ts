// 复制为新年度 moves the source edition's dated data to the copy's year (lib/authoring/copy.ts):
// the demo's days shift by whole years (29 February clamped), its texts name the new year,
// and nothing else changes (deadlines are working-day counts, not dates).
import { describe, expect, it } from "vitest";
import { moveToYear, shiftDay } from "@/lib/authoring/copy";
import { buildDemoPlan } from "@/lib/demo/generate";
import { compileEdition } from "@/lib/engine";
import { loadEditionOrThrow } from "@/lib/rules/load";

const e2017 = loadEditionOrThrow("rules/sanming-2017");
const days = (v: unknown) => JSON.stringify(v).match(/\d{4}-\d{2}-\d{2}/g) ?? [];

describe("shiftDay", () => {
  it.each([
    ["2017-06-20", 2, "2019-06-20"],
    ["2017-12-31", 1, "2018-12-31"],
    ["2016-02-29", 1, "2017-02-28"], // no 29 February in 2017
    ["2016-02-29", 4, "2020-02-29"],
    ["2018-03-01", -1, "2017-03-01"],
    ["not a day", 3, "not a day"],
  ])("%s + %i years → %s", (day, years, out) => {
    expect(shiftDay(day, years)).toBe(out);
  });
});

describe("moveToYear (复制为新年度)", () => {
  const copy = moveToYear(structuredClone(e2017), 2019);
  const demo = copy.demo as { cityFacts: Record<string, { value: { date?: string; reference?: string } }>; review: { monitoring: { reason: string; event: { date?: string; fixedDate?: string } }[]; adjustments: { reason: string; addEvents?: { date: string }[] }[] } };

  it("shifts every day of the demo into the new year and names the new year in its texts", () => {
    expect(days(e2017.demo).every((d) => d.startsWith("2017-"))).toBe(true); // the source's are 2017's
    expect(days(copy.demo).length).toBe(days(e2017.demo).length);
    expect(days(copy.demo).every((d) => d.startsWith("2019-"))).toBe(true);
    expect(demo.cityFacts["p1.xxh.sjzx"].value).toEqual({ yes: true, reference: "明政办〔2019〕88号", date: "2019-06-20" });
    const vuln = demo.review.monitoring.find((m) => m.event.date)!;
    expect(vuln).toMatchObject({ reason: "省网络与信息安全信息通报中心2019年第42期通报", event: { date: "2019-10-16", fixedDate: "2019-11-20" } });
    expect(JSON.stringify(copy.demo)).not.toMatch(/2017/);
  });

  it("keeps everything else: parts, units, readings, the working-day deadlines, monitoring", () => {
    const { demo: _a, ...rest } = copy;
    const { demo: _b, ...source } = e2017;
    expect(rest).toEqual(source);
    expect(copy.deadlines).toEqual(e2017.deadlines);
  });

  it("the copy's demo story happens in the copy's year: every dated fact of its demo plan is 2019's", () => {
    const plan = buildDemoPlan(compileEdition({ ...copy, year: 2019 }));
    const dated = days(plan);
    expect(dated.length).toBeGreaterThan(50);
    expect(dated.filter((d) => !d.startsWith("2019-"))).toEqual([]);
  });

  it("a copy for the same year, or of an edition without demo data, is unchanged", () => {
    expect(moveToYear(e2017, 2017)).toBe(e2017);
    const noDemo = { ...e2017, demo: undefined };
    expect(moveToYear(noDemo, 2020)).toBe(noDemo);
  });
});
