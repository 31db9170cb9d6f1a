"use server";
// Server actions of 用户管理; all need admin:users. The data functions do the work.
import { defineAction } from "@/lib/auth/guard";
import { ZCreateUser, ZResetUserPassword, ZSetUserDisabled, ZUpdateUser } from "@/lib/admin/schemas";
import { createUser, resetUserPassword, setUserDisabled, updateUser } from "@/lib/admin/users";

export const createUserAction = defineAction({ name: "admin.users.create", action: "admin:users", schema: ZCreateUser }, async ({ user, input, ip }) =>
  createUser(user, input, ip),
);

export const updateUserAction = defineAction({ name: "admin.users.update", action: "admin:users", schema: ZUpdateUser }, async ({ user, input, ip }) =>
  updateUser(user, input, ip),
);

export const setUserDisabledAction = defineAction(
  { name: "admin.users.setDisabled", action: "admin:users", schema: ZSetUserDisabled },
  async ({ user, input, ip }) => setUserDisabled(user, input, ip),
);

export const resetUserPasswordAction = defineAction(
  { name: "admin.users.resetPassword", action: "admin:users", schema: ZResetUserPassword },
  async ({ user, input, ip }) => resetUserPassword(user, input, ip),
);
