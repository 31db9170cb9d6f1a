// POST /admin/users/import/upload: the xlsx file as the raw request body (admin:users).
// Answers ImportResponse: the created users with their one-time passwords (and the same
// list as an in-memory xlsx), or every row's errors with nothing saved.
import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/admin/constants";
import { readBodyLimited } from "@/lib/admin/http";
import { buildPasswordsWorkbook, importUsersFromXlsx, type ImportResponse } from "@/lib/admin/import-users";
import { defineRoute } from "@/lib/auth/guard";
import { XLSX_MIME } from "@/lib/offline-form/workbook";

const NO_STORE = { "Cache-Control": "no-store" };

export const POST = defineRoute(
  {
    name: "admin.users.import",
    action: "admin:users",
    schema: z.object({ bytes: z.instanceof(Uint8Array) }),
    input: async (req) => ({ bytes: await readBodyLimited(req, MAX_IMPORT_BYTES) }),
    body: { kind: "binary", types: ["application/octet-stream", XLSX_MIME], maxBytes: MAX_IMPORT_BYTES, tooLarge: () => "文件超过 2 MB，请拆分后分批导入" },
  },
  async ({ user, input, ip }) => {
    const result = await importUsersFromXlsx(user, input.bytes, ip);
    if (!result.ok) {
      const body: ImportResponse = { ok: false, error: `发现 ${result.errors.length} 处错误，未导入任何用户。请修改后重新上传。`, rowErrors: result.errors };
      return Response.json(body, { status: 422, headers: NO_STORE });
    }
    const created = result.created.map((c) => ({ row: c.row, username: c.username, displayName: c.displayName, roles: c.roles, unitName: c.unitName, password: c.password }));
    // the users are saved by now: a failed spreadsheet must not hide the passwords on screen
    const passwordsXlsx = await buildPasswordsWorkbook(created)
      .then((b) => b.toString("base64"))
      .catch((e: unknown) => {
        console.error("[admin.users.import] 生成密码表失败", e);
        return "";
      });
    const body: ImportResponse = { ok: true, created, passwordsXlsx };
    return Response.json(body, { headers: NO_STORE });
  },
);
