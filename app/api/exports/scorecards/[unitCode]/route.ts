// GET /api/exports/scorecards/<unitCode>?edition=<id>: one unit's scorecard as xlsx (dashboard:read).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { exportScorecard } from "@/lib/dashboard/exports";
import { ZEditionParam } from "@/lib/dashboard/query";

export const GET = defineRoute(
  {
    name: "exports.scorecard",
    action: "dashboard:read",
    schema: z.object({ unitCode: z.string().min(1).max(64), edition: ZEditionParam }),
    input: (req, params: { unitCode: string }) => ({ unitCode: params.unitCode, edition: new URL(req.url).searchParams.get("edition") ?? undefined }),
  },
  async ({ input }) => exportScorecard(input.unitCode, input.edition),
);
