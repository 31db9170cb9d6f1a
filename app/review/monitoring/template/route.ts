// GET /review/monitoring/template: the blank xlsx for bulk monitoring findings, one sheet per type (review:write).
import { z } from "zod";
import { currentUserOrNull, defineRoute } from "@/lib/auth/guard";
import { signInFirst, xlsxDownload } from "@/lib/audit-view/http";
import { buildFindingsTemplate } from "@/lib/review/import";

export const GET = signInFirst(
  "/review/monitoring",
  defineRoute({ name: "review.monitoring.template", action: "review:write", schema: z.object({}), input: () => ({}) }, async () =>
    xlsxDownload(await buildFindingsTemplate(), "monitoring-template.xlsx", "监测发现导入模板.xlsx"),
  ),
  async () => (await currentUserOrNull()) !== null,
);
