import "server-only";
// Which units the current edition assesses. A unit added in 单位管理 exists in the database
// but has no responsibilities in the edition's indicators (rules/<edition>/) until they are
// assigned there: it has nothing to fill in and no scorecard. Every page it reaches says so,
// and the admin is told when creating it.
import { getAssessmentContext } from "../assessment/context";
import { itemsForUnit } from "../assessment/items";
import { getPrisma } from "../db/client";

export type EditionCoverage = { editionName: string; year: number; covered: ReadonlySet<string> };

/** The current edition and the units it assigns at least one item to; null without an edition. */
export async function getEditionCoverage(): Promise<EditionCoverage | null> {
  const ctx = await getAssessmentContext();
  if (!ctx) return null;
  const covered = new Set(ctx.compiled.units.filter((u) => u.group !== "city" && itemsForUnit(ctx.compiled, u.code).length > 0).map((u) => u.code));
  // the city aggregate is scored from every unit's facts: it is part of the edition too
  if (ctx.compiled.city) covered.add(ctx.compiled.city.code);
  return { editionName: ctx.name, year: ctx.year, covered };
}

/** What the admin is told about a unit the edition does not assess. */
export function outsideEditionWarning(year: number): string {
  return `该单位不在${year}年度考核范围内，需在指标中分配责任`;
}

export type UnitScope =
  | { kind: "unknown" }
  | { kind: "assessed" }
  | { kind: "outside"; unit: { code: string; name: string }; year: number; editionName: string; message: string };

/** Is `code` a unit the current edition assesses, one it does not (with what to tell), or no unit at all? */
export async function getUnitScope(code: string): Promise<UnitScope> {
  const coverage = await getEditionCoverage();
  if (coverage?.covered.has(code)) return { kind: "assessed" };
  const unit = await getPrisma().unit.findUnique({ where: { code }, select: { code: true, name: true } });
  if (!unit || !coverage) return { kind: "unknown" };
  return {
    kind: "outside",
    unit,
    year: coverage.year,
    editionName: coverage.editionName,
    message: `${unit.name}不在${coverage.year}年度考核范围内：${coverage.editionName}的指标没有为该单位分配责任，因此没有需要填报的指标，也没有记分卡和排名。如需参加考核，请管理员在指标中为其分配责任。`,
  };
}
