// POST /admin/users/import/upload: the xlsx file as the raw request body (admin:users).
// Answers ImportResponse: the created users with their one-time passwords (and the same
// list as an in-memory xlsx), or every row's errors with nothing saved.
import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/admin/constants";
import { readBodyLimited } from "@/lib/admin/http";
import { buildPasswordsWorkbook, importUsersFromXlsx, type ImportResponse } from "@/lib/admin/import-users";
import { defineRoute } from "@/lib/auth/guard";

const NO_STORE = { "Cache-Control": "no-store" };

export const POST = defineRoute(
  {
    name: "admin.users.import",
    action: "admin:users",
    schema: z.object({ bytes: z.instanceof(Uint8Array) }),
    input: async (req) => ({ bytes: await readBodyLimited(req, MAX_IMPORT_BYTES) }),
  },
  async ({ user, input, ip, req }) => {
    // the session cookie is SameSite=Lax already; this refuses a cross-site form post outright
    if (req.headers.get("sec-fetch-site") === "cross-site") return Response.json({ ok: false, error: "无权访问" } satisfies ImportResponse, { status: 403 });
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
