"use server";
import { z } from "zod";
import { changeOwnPassword } from "@/lib/auth/accounts";
import { defineAction } from "@/lib/auth/guard";
import { reissueSessionCookie } from "@/lib/auth/session";

const ZChangePassword = z.object({
  current: z.string().min(1, "请输入当前密码"),
  next: z.string().min(1, "请输入新密码"),
  confirm: z.string().min(1, "请再次输入新密码"),
});

export const changePasswordAction = defineAction(
  { name: "account.changePassword", action: "indicators:read", schema: ZChangePassword },
  async ({ user, input, ip }) => {
    const { sessionVersion } = await changeOwnPassword(user, input, ip);
    await reissueSessionCookie(sessionVersion); // this session goes on; every other one has ended
    return { changed: true as const };
  },
);
