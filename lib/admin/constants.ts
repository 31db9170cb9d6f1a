// Limits and labels shared by the admin pages, their forms and the data functions.
// No imports: client components read these too.

export const USERS_PAGE_SIZE = 50;

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/** Each imported user costs one argon2 hash (~35 ms); this keeps an import under ~20 s. */
export const MAX_IMPORT_ROWS = 500;

export const IMPORT_COLUMNS = ["用户名", "姓名", "角色", "单位"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const UNIT_GROUPS = ["department", "county", "city"] as const;
export type UnitGroupKey = (typeof UNIT_GROUPS)[number];
export const UNIT_GROUP_LABELS: Record<UnitGroupKey, string> = {
  department: "市直部门",
  county: "县（市、区）",
  city: "全市",
};

export const USERNAME_RULES = "2–32 位小写字母、数字、点、下划线或连字符，以字母或数字开头";
export const UNIT_CODE_RULES = "1–40 位小写字母、数字或连字符，以字母或数字开头，创建后不能修改";
