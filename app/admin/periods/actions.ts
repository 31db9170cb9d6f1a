"use server";
// Server actions of 填报期限: open the edition / change the deadline, grant a unit an
// extension. Both need admin:editions and are audited.
import { grantExtension, savePeriod, ZGrantExtension, ZSavePeriod } from "@/lib/assessment/periods";
import { defineAction } from "@/lib/auth/guard";

export const savePeriodAction = defineAction({ name: "admin.periods.save", action: "admin:editions", schema: ZSavePeriod }, async ({ user, input, ip }) => {
  const p = await savePeriod(user, ip, input);
  return { opensAt: p.opensAt.toISOString(), deadline: p.deadline.toISOString() };
});

export const grantExtensionAction = defineAction(
  { name: "admin.periods.grantExtension", action: "admin:editions", schema: ZGrantExtension },
  async ({ user, input, ip }) => {
    const e = await grantExtension(user, ip, input);
    return { unitCode: e.unitCode, unitName: e.unitName, until: e.until.toISOString() };
  },
);
