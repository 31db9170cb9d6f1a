import "server-only";
// The edition being assessed, compiled once per edition version.
import { compileEdition, type CompiledEdition } from "../engine";
import { getCurrentEdition, getEditionById, type LoadedEdition } from "../editions";

const compiledById = new Map<number, CompiledEdition>();

export type AssessmentContext = LoadedEdition & { compiled: CompiledEdition };

function withCompiled(e: LoadedEdition): AssessmentContext {
  let c = compiledById.get(e.id);
  if (!c) {
    c = compileEdition(e.edition);
    compiledById.set(e.id, c);
  }
  return { ...e, compiled: c };
}

export async function getAssessmentContext(editionId?: number): Promise<AssessmentContext | null> {
  const e = editionId ? await getEditionById(editionId) : await getCurrentEdition();
  return e ? withCompiled(e) : null;
}
