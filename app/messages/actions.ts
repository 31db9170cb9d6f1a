"use server";
// 消息中心: mark one's own messages read.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { markRead, ZMarkRead } from "@/lib/messages";

export const markReadAction = defineAction({ name: "messages.markRead", action: "messages:read", schema: ZMarkRead }, async ({ user, input }) => {
  const n = await markRead(user.id, input);
  revalidatePath("/", "layout"); // the header's unread count
  return { marked: n };
});
