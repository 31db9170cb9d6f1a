// GET /api/exports/results?edition=<id>: the full results table as xlsx (dashboard:read).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { exportResults } from "@/lib/dashboard/exports";
import { ZEditionParam } from "@/lib/dashboard/query";

export const GET = defineRoute(
  {
    name: "exports.results",
    action: "dashboard:read",
    schema: z.object({ edition: ZEditionParam }),
    input: (req) => ({ edition: new URL(req.url).searchParams.get("edition") ?? undefined }),
  },
  async ({ input }) => exportResults(input.edition),
);
