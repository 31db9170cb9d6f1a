"use server";
// 催报: remind every unit that has not submitted (the reviewer saw the list first). Audited.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth/guard";
import { sendReminder, ZSendReminder } from "@/lib/messages";

export const sendReminderAction = defineAction({ name: "messages.remind", action: "messages:remind", schema: ZSendReminder }, async ({ user, input, ip }) => {
  const out = await sendReminder(user, ip, input);
  revalidatePath("/review/remind");
  return out;
});
