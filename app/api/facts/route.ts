// JSON API for saving a self-assessment draft (used by scripts, the load benchmark and
// the reliability tests; the UI uses the equivalent server action).
import { z } from "zod";
import { defineRoute } from "@/lib/auth/guard";
import { saveSelfFact } from "@/lib/assessment/facts";

const ZSaveFact = z.object({
  editionId: z.number().int().positive(),
  unitCode: z.string().min(1).max(64),
  itemCode: z.string().min(1).max(128),
  payload: z.record(z.string(), z.unknown()),
  expectedVersion: z.number().int().min(0),
});

export const POST = defineRoute(
  { name: "api.facts.save", action: "self:write", schema: ZSaveFact, input: (_req, _params, body) => body, unit: (i) => i.unitCode },
  async ({ user, input, ip }) => {
    const r = await saveSelfFact(user, ip, input);
    if (r.status === "conflict") return Response.json(r, { status: 409 });
    return Response.json({ status: r.status, version: r.version, score: r.result.score, savedAt: r.savedAt });
  },
);
