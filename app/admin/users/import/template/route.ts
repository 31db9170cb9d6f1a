// GET /admin/users/import/template: the blank xlsx for 批量导入用户 (admin:users).
import { z } from "zod";
import { attachment, XLSX_MIME } from "@/lib/admin/http";
import { buildUserImportTemplate } from "@/lib/admin/import-users";
import { defineRoute } from "@/lib/auth/guard";

export const GET = defineRoute(
  { name: "admin.users.importTemplate", action: "admin:users", schema: z.object({}), input: () => ({}) },
  async () => {
    const file = await buildUserImportTemplate();
    return new Response(new Uint8Array(file), {
      headers: {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachment("user-import-template.xlsx", "用户导入模板.xlsx"),
        "Cache-Control": "no-store",
      },
    });
  },
);
