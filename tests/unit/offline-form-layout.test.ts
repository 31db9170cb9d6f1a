// The offline form's cell ⇄ payload translation on the sanming-2017 rules: every rule type
// round-trips, blanks mean "leave as is", and each bad cell gives one message at that cell.
import { describe, expect, it } from "vitest";
import { compileEdition, validateItemFact } from "@/lib/engine";
import type { CompiledLeaf } from "@/lib/engine/compile";
import { loadEditionOrThrow } from "@/lib/rules/load";
import {
  canonical,
  fieldsFromKeys,
  itemFields,
  payloadToRows,
  projectPayload,
  rowsToPayload,
  type Payload,
  type RowCells,
} from "@/lib/offline-form/layout";
import { buildWorkbook, isZip, OfflineFormError, readWorkbook } from "@/lib/offline-form/workbook";

const compiled = compileEdition(loadEditionOrThrow("rules/sanming-2017"));
const leaf = (code: string): CompiledLeaf => compiled.leafByCode.get(code)!;

function build(code: string, cells: Record<string, RowCells>, current: Payload | null = null) {
  const l = leaf(code);
  return rowsToPayload(l, itemFields(l, current), new Map(Object.entries(cells)));
}

const EXAMPLES: [string, string, Payload][] = [
  ["count", "p1.xxh.ggpt.wlw", { value: { items: ["视频共享平台", "位置服务平台"] } }],
  ["count, none", "p1.xxh.ggpt.jcwl", { value: { items: [] } }],
  ["binary", "p1.xxh.sjzx", { value: { yes: true, reference: "明政办〔2017〕12号", date: "2017-05-02" } }],
  ["binary, no", "p1.zy.sjhj.xmzb", { value: { yes: false } }],
  ["ratio with precondition", "p1.xxh.xypt.bsfg", { value: { numerator: 28, list: undefined }, conditions: { fgxq: true } }],
  ["ratio", "p1.zy.mlbz", { value: { numerator: 20, denominator: 25 } }],
  ["deduction with a late fix", "p1.aq.xtaq.ld", { value: { events: [{ kind: "tb", count: 2, date: "2017-03-01", fixedDate: "2017-03-20", note: "两台服务器" }, { kind: "tb" }] } }],
  ["deduction, none", "p1.xxh.sphy.tsdm", { value: { events: [] } }],
  ["tiers by month", "p2.zwgk.dtxx", { value: { monthly: ["10", "9", null, "8", "8", "8", "7", "9", "10", "11", "12", "6"] } }],
  ["tiers by value with preconditions", "p2.hdlm.dczj.cn", { value: { value: "3" }, conditions: { wsdc: true, yjzj: false } }],
  ["choice with modifiers", "p2.hdlm.zxft", { value: { levels: ["zz", "qt"] }, modifiers: [{ code: "sjft", reason: "参加市政府新闻发布会" }] }],
  ["choice, none", "p2.bmwz", { value: { levels: [] } }],
  ["rating", "p2.zwgk.zdxx", { value: { score: "17.5" } }],
  ["not applicable", "p2.ztzl", { notApplicable: { reason: "本年度未承担专题" } }],
  ["note only", "p2.jdhy.zcjd", { note: "待审核员评分" }],
];

describe("payload → cells → payload", () => {
  it.each(EXAMPLES)("%s (%s) round-trips and passes the engine", (_label, code, payload) => {
    const l = leaf(code);
    const clean = JSON.parse(JSON.stringify(payload)) as Payload;
    const fields = itemFields(l, clean);
    const back = rowsToPayload(l, fields, payloadToRows(l, clean));
    expect(back.errors).toEqual([]);
    expect(canonical(back.payload)).toBe(canonical(clean));
    expect(projectPayload(l, clean)).toEqual(back.payload);
    const unit = l.scope === "city" ? "city" : [...l.assessed.keys()][0];
    expect(validateItemFact(compiled, { ...back.payload, unit, item: code, source: "self" }).errors).toEqual([]);
  });

  it("numbers typed in Excel read back as decimal strings; dates as YYYY-MM-DD", () => {
    const r = build("p2.zwgk.dtxx", { "monthly.0": { G: 12 }, "monthly.1": { G: 7.5 }, "monthly.2": { G: " 3 " } });
    expect(r.payload?.value).toEqual({ monthly: ["12", "7.5", "3", null, null, null, null, null, null, null, null, null] });
    const d = build("p1.xxh.sjzx", { yes: { G: "是" }, date: { G: new Date(Date.UTC(2017, 4, 2)) } });
    expect(d.payload?.value).toEqual({ yes: true, date: "2017-05-02" });
    const slash = build("p1.xxh.sjzx", { yes: { G: "是" }, date: { G: "2017/5/2" } });
    expect(slash.payload?.value).toEqual({ yes: true, date: "2017-05-02" });
  });

  it("a blank item is null: the stored value is kept", () => {
    expect(build("p2.zwgk.dtxx", {}).payload).toBeNull();
    expect(build("p1.aq.xtaq.ld", { "events.0": { G: "  " } }).payload).toBeNull();
  });

  it("takes deduction kinds by name from the drop-down, and by code", () => {
    const r = build("p1.xxh.sphy.hczx", { "events.0": { G: "会场/秩序问题", H: 2 }, "events.1": { G: "jlwt" } });
    expect(r.payload?.value).toEqual({ events: [{ kind: "hcwt", count: 2 }, { kind: "jlwt" }] });
  });
});

describe("bad cells: one message each, at the cell", () => {
  const cases: [string, string, Record<string, RowCells>, { key: string; col: string; message: RegExp }][] = [
    ["text in a number cell", "p2.zwgk.dtxx", { "monthly.3": { G: "abc" } }, { key: "monthly.3", col: "G", message: /应为不小于 0 的数字/ }],
    ["a negative number", "p2.zwgk.zdxx", { score: { G: -1 } }, { key: "score", col: "G", message: /不小于 0/ }],
    ["not 是/否", "p1.xxh.sjzx", { yes: { G: "也许" } }, { key: "yes", col: "G", message: /应填“是”或“否”/ }],
    ["a reference without 是/否", "p1.xxh.sjzx", { reference: { G: "文号" } }, { key: "yes", col: "G", message: /请填写“是”或“否”/ }],
    ["a date that does not exist", "p1.aq.xtaq.ld", { "events.0": { G: "tb", I: "2017-02-30" } }, { key: "events.0", col: "I", message: /不是有效的日期/ }],
    ["an unknown kind", "p1.aq.xtaq.ld", { "events.0": { G: "迟到" } }, { key: "events.0", col: "G", message: /未知的扣分类型“迟到”/ }],
    ["a count that is not a positive integer", "p1.aq.xtaq.ld", { "events.0": { G: "tb", H: 1.5 } }, { key: "events.0", col: "H", message: /正整数/ }],
    ["无 with events below", "p1.aq.xtaq.ld", { hasEvents: { G: "无" }, "events.0": { G: "tb" } }, { key: "hasEvents", col: "G", message: /选择了“无”/ }],
    ["有 without events", "p1.aq.xtaq.ld", { hasEvents: { G: "有" } }, { key: "hasEvents", col: "G", message: /选择了“有”/ }],
    ["an event without a kind", "p1.aq.xtaq.ld", { "events.1": { H: 2 } }, { key: "events.1", col: "G", message: /请选择扣分类型/ }],
    ["a ratio without its numerator", "p1.zy.mlbz", { denominator: { G: 25 } }, { key: "numerator", col: "G", message: /请填写/ }],
  ];
  it.each(cases)("%s", (_label, code, cells, expected) => {
    const r = build(code, cells);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ key: expected.key, col: expected.col });
    expect(r.errors[0].message).toMatch(expected.message);
  });

  it("engine error paths point at their cells", () => {
    const r = build("p1.aq.xtaq.ld", { "events.0": { G: "tb" }, "events.1": { G: "tb", I: "2017-03-01", J: "2017-02-01" } });
    expect(r.cellFor("value.events[1].fixedDate")).toEqual({ key: "events.1", col: "J" });
    expect(r.cellFor("value.events[0]")).toEqual({ key: "events.0", col: "G" });
    const m = build("p2.hdlm.zxft", { "mod.sjft": { G: "是" } });
    expect(m.cellFor("modifiers[0].reason")).toEqual({ key: "mod.sjft.reason", col: "G" });
    const v = validateItemFact(compiled, { ...m.payload, unit: "dept-szb", item: "p2.hdlm.zxft", source: "self" });
    expect(v.errors.map((e) => m.cellFor(e.path.replace(/^fact\./, "")))).toEqual([{ key: "mod.sjft.reason", col: "G" }]);
  });

  it("rebuilds rows beyond a fresh layout from the file's own keys", () => {
    const { fields, unknown } = fieldsFromKeys(leaf("p1.aq.xtaq.ld"), ["hasEvents", "events.0", "events.7", "bogus"]);
    expect(fields.map((f) => [f.key, f.label])).toEqual([
      ["hasEvents", "本年度有无扣分事项（有/无）"],
      ["events.0", "扣分事项 1"],
      ["events.7", "扣分事项 8"],
    ]);
    expect(unknown).toEqual(["bogus"]);
  });

  it("leaves the value rows out when the value is not the unit's (rating items)", () => {
    const l = leaf("p2.zwgk.zdxx");
    expect(itemFields(l, null, { value: false }).map((f) => f.key)).toEqual(["note"]);
    expect(projectPayload(l, { value: { score: "18" }, note: "已报送" }, { value: false })).toEqual({ note: "已报送" });
  });
});

describe("workbook", () => {
  async function sample(readOnly: string | null = null) {
    const items = ["p2.zwgk.dtxx", "p2.hdlm.zxft", "p2.bmwz"].map((code) => {
      const l = leaf(code);
      const payload = EXAMPLES.find((e) => e[1] === code)?.[2] ?? null;
      return { leaf: l, fields: itemFields(l, payload), cells: payloadToRows(l, payload), version: 3, readOnly };
    });
    return buildWorkbook({
      editionId: 7,
      editionName: "2017年度三明市电子政务绩效考核",
      unitCode: "dept-szb",
      unitName: "市数字办",
      generatedAt: new Date("2017-06-01T02:00:00Z"),
      notice: null,
      parts: [{ code: "p2", name: "政府网站建设部分", items }],
    });
  }

  it("reads back what it wrote: meta, labels and input cells", async () => {
    const wb = await readWorkbook(await sample());
    expect(wb.meta).toMatchObject({ editionId: 7, unitCode: "dept-szb" });
    const first = wb.meta.rows.find((r) => r.item === "p2.zwgk.dtxx" && r.field === "monthly.3")!;
    expect(first).toMatchObject({ sheet: "政府网站建设部分", version: 3, editable: true, label: "第 4 月发布信息条数" });
    expect(wb.label(first.sheet, first.row)).toBe("第 4 月发布信息条数");
    expect(wb.cells(first.sheet, first.row).G).toBe(8);
    const zz = wb.meta.rows.find((r) => r.field === "level.zz")!;
    expect(wb.cells(zz.sheet, zz.row).G).toBe("是");
  });

  it("protects the sheets, unlocks only editable inputs, and offers lists", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const load = async (buf: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
      return wb;
    };
    const wb = await load(await sample());
    const ws = wb.getWorksheet("政府网站建设部分")!;
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(wb.getWorksheet("_meta")!.state).toBe("veryHidden");
    const meta = (await readWorkbook(await sample())).meta.rows.find((r) => r.field === "level.zz")!;
    expect(ws.getCell(`G${meta.row}`).protection?.locked).toBe(false);
    expect(ws.getCell(`F${meta.row}`).protection?.locked).not.toBe(false);
    expect(ws.getCell(`H${meta.row}`).protection?.locked).not.toBe(false);
    expect(ws.getCell(`G${meta.row}`).dataValidation).toMatchObject({ type: "list", formulae: ['"是,否"'] });

    const locked = await load(await sample("本单位已提交自评"));
    expect(locked.getWorksheet("政府网站建设部分")!.getCell(`G${meta.row}`).protection?.locked).not.toBe(false);
  });

  it("refuses what is not an xlsx, and a truncated one, with a message instead of a stack", async () => {
    expect(isZip(Buffer.from("%PDF-1.4"))).toBe(false);
    await expect(readWorkbook(Buffer.from("%PDF-1.4 hello"))).rejects.toThrow(OfflineFormError);
    const whole = await sample();
    await expect(readWorkbook(whole.subarray(0, Math.floor(whole.length / 2)))).rejects.toThrow(/文件已损坏或不完整/);
  });
});
