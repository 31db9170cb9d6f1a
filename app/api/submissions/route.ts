// JSON API for submitting a unit's self-assessment (scripts and the load benchmark; the
// UI uses the equivalent server action).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { submitUnit } from "@/lib/assessment/facts";

const ZSubmit = z.object({ editionId: z.number().int().positive(), unitCode: z.string().min(1).max(64) });

export const POST = defineRoute(
  { name: "api.submissions.submit", action: "self:write", schema: ZSubmit, input: (_req, _params, body) => body, unit: (i) => i.unitCode },
  async ({ user, input, ip }) => {
    const r = await submitUnit(user, ip, input);
    if (r.status === "incomplete") return Response.json({ error: `还有 ${r.missing.length} 项未填写`, missing: r.missing }, { status: 400 });
    return Response.json(r);
  },
);
