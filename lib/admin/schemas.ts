// Input schemas of the admin actions (users and units), one per boundary, with their types.
import { z } from "zod";

import { isRole, ROLES, type Role } from "../auth/permissions";
import { UNIT_GROUPS, UNIT_CODE_RULES, USERNAME_RULES } from "./constants";
import { freeText, searchText, ZPersonName } from "../zod/text";

export const ZUsername = z
  .string({ error: "请输入用户名" })
  .trim()
  .toLowerCase()
  .min(1, "请输入用户名")
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, `用户名须为${USERNAME_RULES}`);

export const ZDisplayName = ZPersonName.min(1, "请输入姓名");

export const ZRoles = z
  .array(z.string(), { error: "请至少选择一个角色" })
  .min(1, "请至少选择一个角色")
  .refine((rs) => rs.every(isRole), "角色无效")
  .transform((rs) => [...new Set(rs)].sort((a, b) => ROLES.indexOf(a as Role) - ROLES.indexOf(b as Role)) as Role[]);

const ZOptionalUnitCode = z
  .string()
  .trim()
  .max(40, "单位无效")
  .nullish()
  .transform((v) => v || null);

/** 电子邮箱 for the optional e-mail copy of messages (SMTP_URL); empty clears it. */
export const ZOptionalEmail = z
  .string()
  .trim()
  .max(200, "电子邮箱过长")
  .nullish()
  .transform((v) => v || null)
  .pipe(z.email({ error: "电子邮箱格式不正确，如 zhang@example.gov.cn" }).nullable());

export const ZUserId = z.number({ error: "用户无效" }).int("用户无效").positive("用户无效");

/** 填报员 belong to a unit; other roles work across units and may record the unit they belong to. */
function unitMatchesRoles(v: { roles: Role[]; unitCode: string | null }, ctx: z.RefinementCtx) {
  if (v.roles.includes("filler") && !v.unitCode) ctx.addIssue({ code: "custom", path: ["unitCode"], message: "填报员必须选择所属单位" });
}

export const ZCreateUser = z
  .object({ username: ZUsername, displayName: ZDisplayName, roles: ZRoles, unitCode: ZOptionalUnitCode, email: ZOptionalEmail.optional() })
  .superRefine(unitMatchesRoles);
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZUpdateUser = z
  .object({ id: ZUserId, displayName: ZDisplayName, roles: ZRoles, unitCode: ZOptionalUnitCode, email: ZOptionalEmail.optional() })
  .superRefine(unitMatchesRoles);
export type TUpdateUser = z.infer<typeof ZUpdateUser>;

const ZReason = freeText("reason", "原因")
  .nullish()
  .transform((v) => v || null);

export const ZSetUserDisabled = z.object({ id: ZUserId, disabled: z.boolean({ error: "操作无效" }), reason: ZReason });
export type TSetUserDisabled = z.infer<typeof ZSetUserDisabled>;

export const ZResetUserPassword = z.object({ id: ZUserId, reason: ZReason });
export type TResetUserPassword = z.infer<typeof ZResetUserPassword>;

/** The user list's query string: bad values fall back to defaults instead of failing the page. */
export const ZUserListQuery = z.object({
  q: searchText(100).catch("").default(""),
  unit: searchText(40).catch("").default(""),
  role: z.enum(["", ...ROLES] as const).catch("").default(""),
  status: z.enum(["", "active", "disabled"]).catch("").default(""),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZUnitCode = z
  .string({ error: "请输入单位代码" })
  .trim()
  .min(1, "请输入单位代码")
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, `单位代码须为${UNIT_CODE_RULES}`);

export const ZUnitName = freeText("shortName", "单位名称").min(1, "请输入单位名称");

export const ZUnitGroup = z.enum(UNIT_GROUPS, { error: "请选择分组" });

export const ZCreateUnit = z.object({ code: ZUnitCode, name: ZUnitName, group: ZUnitGroup });
export type TCreateUnit = z.infer<typeof ZCreateUnit>;

export const ZRenameUnit = z.object({
  code: ZUnitCode,
  newName: ZUnitName,
  reason: freeText("reason", "更名原因").min(1, "请填写更名原因"),
});
export type TRenameUnit = z.infer<typeof ZRenameUnit>;

export const ZSetUnitActive = z.object({ code: ZUnitCode, active: z.boolean({ error: "操作无效" }), reason: ZReason });
export type TSetUnitActive = z.infer<typeof ZSetUnitActive>;
