import "server-only";
// Importing users from an xlsx sheet (用户名, 姓名, 角色, 单位): every row is validated
// first; nothing is saved unless all rows are valid, then all are saved in one transaction.
// Initial passwords are returned once (on screen and as an in-memory xlsx); only hashes
// are stored.
import ExcelJS from "exceljs";
import { checkXlsxArchive, XlsxRejected } from "../xlsx/guard";
import { writeAudit } from "../audit";
import { UserError } from "../auth/guard";
import { hashPassword } from "../auth/password";
import { ROLE_LABELS, ROLES, type Role } from "../auth/permissions";
import type { SessionUser } from "../auth/session";
import { getPrisma } from "../db/client";
import { normaliseUnitName } from "../rules/resolve";
import { IMPORT_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, UNIT_GROUP_LABELS, type ImportColumn } from "./constants";
import { generateInitialPassword } from "./passwords";
import { ZDisplayName, ZUsername } from "./schemas";
import { isUniqueViolation } from "./users";

type Actor = Pick<SessionUser, "id" | "username">;

export type ImportRowError = { row: number; column: ImportColumn | null; message: string };
export type ImportedUser = { row: number; username: string; displayName: string; roles: Role[]; unitCode: string | null; unitName: string | null; password: string };
export type ImportResult = { ok: true; created: ImportedUser[] } | { ok: false; errors: ImportRowError[] };

/** The JSON the import route answers with (the client reads it). */
export type ImportResponse =
  | { ok: true; created: Omit<ImportedUser, "unitCode">[]; passwordsXlsx: string }
  | { ok: false; error: string; rowErrors?: ImportRowError[] };

const USER_SHEET = "用户";
const ROLE_SEPARATORS = /[、,，;；/\s]+/;

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04: a zip, which an xlsx is
const XLS_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // the old binary Excel format

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.byteLength >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** File-level checks before any parsing: size, the zip signature, then the shared zip-bomb guard. */
export async function checkXlsxUpload(bytes: Uint8Array): Promise<void> {
  if (bytes.byteLength === 0) throw new UserError("请选择要导入的 Excel（.xlsx）文件");
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new UserError("文件超过 2 MB，请拆分后分批导入");
  if (startsWith(bytes, XLS_MAGIC)) throw new UserError("这是旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传");
  if (!startsWith(bytes, XLSX_MAGIC)) throw new UserError("只支持 Excel（.xlsx）文件，请使用下载的模板填写后上传");
  try {
    await checkXlsxArchive(bytes);
  } catch (e) {
    if (e instanceof XlsxRejected) throw e.reason === "corrupt" ? CORRUPT() : new UserError(e.message);
    throw e;
  }
}

const CORRUPT = () => new UserError("文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开检查后重新保存再上传");

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like "Buffer"; a Node Buffer is what it reads
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    console.warn(`[import] 无法解析上传的 xlsx：${e instanceof Error ? e.message : String(e)}`);
    throw CORRUPT();
  }
  return wb;
}

function cellText(cell: ExcelJS.Cell): string {
  try {
    return (cell.text ?? "").replace(/\u00a0/g, " ").trim();
  } catch {
    return "";
  }
}

type UnitRef = { code: string; name: string; active: boolean };

async function loadUnitIndex(): Promise<Map<string, UnitRef>> {
  const units = await getPrisma().unit.findMany({ select: { code: true, name: true, aliases: true, active: true } });
  const index = new Map<string, UnitRef>();
  // codes first, then aliases, then names: a current name wins over someone's old alias
  for (const u of units) index.set(u.code.toLowerCase(), u);
  for (const u of units) for (const a of u.aliases) index.set(normaliseUnitName(a), u);
  for (const u of units) index.set(normaliseUnitName(u.name), u);
  return index;
}

const ROLE_BY_TEXT = new Map<string, Role>([...ROLES.map((r) => [ROLE_LABELS[r], r] as const), ...ROLES.map((r) => [r, r] as const)]);

type ParsedRow = { row: number; username: string; displayName: string; roles: Role[]; unit: UnitRef | null };

/** Reads and validates every row; returns all problems, or the rows ready to save. */
export async function validateUserImport(bytes: Uint8Array): Promise<{ ok: true; rows: ParsedRow[] } | { ok: false; errors: ImportRowError[] }> {
  await checkXlsxUpload(bytes);
  const wb = await loadWorkbook(bytes);
  const ws = wb.getWorksheet(USER_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new UserError("文件中没有工作表，可能不是 Excel（.xlsx）文件；请使用下载的模板填写");

  // locate the columns by their headers in row 1 (order does not matter)
  const at = new Map<ImportColumn, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell);
    const name = IMPORT_COLUMNS.find((c) => text === c || text.startsWith(c + "（") || text.startsWith(c + "("));
    if (name && !at.has(name)) at.set(name, col);
  });
  const missing = IMPORT_COLUMNS.filter((c) => !at.has(c));
  if (missing.length) {
    return { ok: false, errors: missing.map((c) => ({ row: 1, column: c, message: `第 1 行缺少表头“${c}”，请使用下载的模板` })) };
  }

  const raw: { row: number; values: Record<ImportColumn, string> }[] = [];
  // eachRow visits only rows the file has (a styled cell far down must not cost a million rows)
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const values = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, cellText(row.getCell(at.get(c)!))])) as Record<ImportColumn, string>;
    if (IMPORT_COLUMNS.every((c) => values[c] === "")) return; // blank line
    raw.push({ row: r, values });
  });
  if (raw.length > MAX_IMPORT_ROWS) throw new UserError(`一次最多导入 ${MAX_IMPORT_ROWS} 个用户（本文件 ${raw.length} 个），请拆分后分批导入`);
  if (raw.length === 0) throw new UserError("文件中没有用户数据：请从第 2 行起每行填写一个用户");

  const units = await loadUnitIndex();
  const existing = new Set(
    (
      await getPrisma().user.findMany({
        where: { username: { in: raw.map((r) => r.values.用户名.toLowerCase()) } },
        select: { username: true },
      })
    ).map((u) => u.username),
  );

  const errors: ImportRowError[] = [];
  const firstRowOf = new Map<string, number>();
  const rows: ParsedRow[] = [];
  for (const { row, values } of raw) {
    const fail = (column: ImportColumn, message: string) => errors.push({ row, column, message });
    const before = errors.length;

    const username = ZUsername.safeParse(values.用户名);
    if (!username.success) fail("用户名", username.error.issues[0].message);
    else if (firstRowOf.has(username.data)) fail("用户名", `与第 ${firstRowOf.get(username.data)} 行的用户名重复`);
    else if (existing.has(username.data)) fail("用户名", `用户名“${username.data}”已存在`);
    if (username.success && !firstRowOf.has(username.data)) firstRowOf.set(username.data, row);

    const displayName = ZDisplayName.safeParse(values.姓名);
    if (!displayName.success) fail("姓名", displayName.error.issues[0].message);

    const roles: Role[] = [];
    const labels = values.角色.split(ROLE_SEPARATORS).filter(Boolean);
    const unknown = labels.filter((l) => !ROLE_BY_TEXT.has(l));
    if (labels.length === 0) fail("角色", "请填写角色");
    else if (unknown.length) fail("角色", `未知角色“${unknown.join("、")}”，可填：${ROLES.map((r) => ROLE_LABELS[r]).join("、")}`);
    else for (const r of ROLES) if (labels.some((l) => ROLE_BY_TEXT.get(l) === r)) roles.push(r);

    let unit: UnitRef | null = null;
    const unitText = values.单位;
    // 填报员 must name their unit; other roles may (a 审核员 of 市数字办): it is recorded, and
    // grants nothing, since their permissions span every unit
    if (roles.includes("filler") && !unitText) fail("单位", "填报员必须填写所属单位");
    else if (roles.length && unitText) {
      unit = units.get(normaliseUnitName(unitText)) ?? units.get(unitText.toLowerCase()) ?? null;
      if (!unit) fail("单位", `未找到单位“${unitText}”，请填写单位名称、别名或代码`);
      else if (!unit.active) fail("单位", `单位“${unit.name}”已停用`);
    }

    if (errors.length === before && username.success && displayName.success) {
      rows.push({ row, username: username.data, displayName: displayName.data, roles, unit });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function importUsersFromXlsx(actor: Actor, bytes: Uint8Array, ip: string): Promise<ImportResult> {
  const checked = await validateUserImport(bytes);
  if (!checked.ok) return checked;
  const prepared = await mapLimit(checked.rows, 4, async (r) => {
    const password = generateInitialPassword(r.username);
    return { ...r, password, passwordHash: await hashPassword(password) };
  });
  try {
    await getPrisma().$transaction(
      async (tx) => {
        for (const r of prepared) {
          const created = await tx.user.create({
            data: { username: r.username, displayName: r.displayName, roles: r.roles, unitCode: r.unit?.code ?? null, passwordHash: r.passwordHash, mustChangePassword: true },
            select: { id: true },
          });
          await writeAudit(tx, {
            actor,
            ip,
            action: "user.create",
            entityType: "user",
            entityId: created.id,
            unitCode: r.unit?.code ?? null,
            after: { username: r.username, displayName: r.displayName, roles: r.roles, unitCode: r.unit?.code ?? null, disabled: false },
            reason: `批量导入（第 ${r.row} 行）`,
          });
        }
      },
      { timeout: 60_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new UserError("导入期间有用户名被他人占用，未导入任何用户；请重新上传", 409);
    throw e;
  }
  return {
    ok: true,
    created: prepared.map((r) => ({
      row: r.row,
      username: r.username,
      displayName: r.displayName,
      roles: r.roles,
      unitCode: r.unit?.code ?? null,
      unitName: r.unit?.name ?? null,
      password: r.password,
    })),
  };
}

function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD6E4F5" } };
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The blank template, with a second sheet explaining the columns and listing the units. */
export async function buildUserImportTemplate(): Promise<Buffer> {
  const units = await getPrisma().unit.findMany({ where: { active: true }, select: { code: true, name: true, group: true, aliases: true }, orderBy: { code: "asc" } });
  const wb = new ExcelJS.Workbook();
  wb.creator = "电子政务绩效考核平台";
  const ws = wb.addWorksheet(USER_SHEET);
  ws.columns = [
    { header: "用户名", key: "username", width: 20, style: { numFmt: "@" } },
    { header: "姓名", key: "displayName", width: 16 },
    { header: "角色", key: "roles", width: 24 },
    { header: "单位", key: "unit", width: 24 },
  ];
  styleHeader(ws);
  ws.getCell("A1").note = "2–32 位小写字母、数字、点、下划线或连字符";
  ws.getCell("C1").note = `可填：${ROLES.map((r) => ROLE_LABELS[r]).join("、")}；多个角色用“、”或“,”分隔`;
  ws.getCell("D1").note = "填报员必填（单位名称、别名或代码均可）；其他角色留空";

  const help = wb.addWorksheet("说明");
  help.columns = [{ width: 22 }, { width: 20 }, { width: 16 }, { width: 40 }];
  const lines = [
    ["填写说明"],
    ["1. 在“用户”工作表中从第 2 行起每行填写一个用户，不要修改第 1 行表头。"],
    [`2. 角色可填：${ROLES.map((r) => ROLE_LABELS[r]).join("、")}；多个角色用“、”或“,”分隔。`],
    ["3. 填报员必须填写所属单位（名称、别名或代码），其他角色的单位留空。"],
    [`4. 每个文件最多 ${MAX_IMPORT_ROWS} 个用户、不超过 2 MB；任何一行有误则整个文件都不导入。`],
    ["5. 导入成功后系统生成初始密码，只显示一次；用户首次登录须修改密码。"],
    [],
    ["单位名称", "代码", "分组", "别名"],
  ];
  for (const l of lines) help.addRow(l);
  help.getRow(1).font = { bold: true, size: 14 };
  help.getRow(lines.length).font = { bold: true };
  for (const u of units) help.addRow([u.name, u.code, UNIT_GROUP_LABELS[u.group], u.aliases.join("、")]);
  return toBuffer(wb);
}

/** The one-time password list after an import, built in memory and never stored. */
export async function buildPasswordsWorkbook(created: Pick<ImportedUser, "row" | "username" | "displayName" | "password">[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("初始密码");
  ws.columns = [
    { header: "用户名", key: "username", width: 20 },
    { header: "姓名", key: "displayName", width: 16 },
    { header: "初始密码", key: "password", width: 20 },
    { header: "导入文件行号", key: "row", width: 14 },
  ];
  styleHeader(ws);
  for (const c of created) ws.addRow({ username: c.username, displayName: c.displayName, password: c.password, row: c.row });
  return toBuffer(wb);
}
