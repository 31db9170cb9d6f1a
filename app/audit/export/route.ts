// GET /audit/export?unit=&item=&action=&from=&to=&order=: the filtered audit trail as xlsx (audit:read).
import { currentUserOrNull, defineRoute } from "@/lib/auth/guard";
import { signInFirst, xlsxDownload } from "@/lib/audit-view/http";
import { exportAuditXlsx, ZAuditQuery } from "@/lib/audit-view/query";

export const GET = signInFirst(
  "/audit",
  defineRoute({ name: "audit.export", action: "audit:read", schema: ZAuditQuery, input: (req) => Object.fromEntries(new URL(req.url).searchParams) }, async ({ input }) => {
    const { file } = await exportAuditXlsx(input);
    const stamp = new Date().toISOString().slice(0, 10);
    return xlsxDownload(file, `audit-${stamp}.xlsx`, `审计日志-${stamp}.xlsx`);
  }),
  async () => (await currentUserOrNull()) !== null,
);
