"use server";
// Server actions of 单位管理; all need admin:units.
import { defineAction } from "@/lib/auth/guard";
import { ZCreateUnit, ZRenameUnit, ZSetUnitActive } from "@/lib/admin/schemas";
import { createUnit, renameUnit, setUnitActive } from "@/lib/admin/units";

export const createUnitAction = defineAction({ name: "admin.units.create", action: "admin:units", schema: ZCreateUnit }, async ({ user, input, ip }) =>
  createUnit(user, input, ip),
);

export const renameUnitAction = defineAction({ name: "admin.units.rename", action: "admin:units", schema: ZRenameUnit }, async ({ user, input, ip }) =>
  renameUnit(user, input, ip),
);

export const setUnitActiveAction = defineAction(
  { name: "admin.units.setActive", action: "admin:units", schema: ZSetUnitActive },
  async ({ user, input, ip }) => setUnitActive(user, input, ip),
);
