// The edition as rules/ files (edition.yaml, units.yaml, part1.yaml…) and back. Export
// follows the hand-written files' conventions (a part's weight and allowPostPenalty and a
// deduction's floor are written; empty lists and inferred: false are not), so an
// edition loaded from rules/<id> exports to the same structure. Import: yaml-import.ts.
import { stringify } from "yaml";
import type { TColumn, TEdition, TIndicator, TPart, TResponsible, TUnit } from "../rules/schema";

export type EditionFiles = Record<string, string>;

const dropUndefined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

function responsibleOut(r: TResponsible[] | undefined) {
  return r?.map((x) => dropUndefined({ ...x, inferred: x.inferred ? true : undefined }));
}

function indicatorOut(n: TIndicator): Record<string, unknown> {
  return dropUndefined({
    ...n,
    rule: n.rule ? dropUndefined(n.rule) : undefined,
    responsible: responsibleOut(n.responsible),
    readings: n.readings?.map((r) => dropUndefined({ ...r, alternatives: r.alternatives.length ? r.alternatives : undefined })),
    children: n.children?.map(indicatorOut),
  });
}

function columnOut(c: TColumn): Record<string, unknown> {
  return dropUndefined({ ...c, responsible: responsibleOut(c.responsible), children: c.children?.map(columnOut) });
}

export function partOut(p: TPart): Record<string, unknown> {
  return dropUndefined({
    ...p,
    readings: p.readings?.map((r) => dropUndefined({ ...r, alternatives: r.alternatives.length ? r.alternatives : undefined })),
    indicators: p.indicators.map(indicatorOut),
    columns: p.columns?.map(columnOut),
  });
}

const unitOut = (u: TUnit) => dropUndefined({ ...u, aliases: u.aliases.length ? u.aliases : undefined });

/** The structures of the files (before YAML text), keyed by file name. */
export function editionToFileData(e: TEdition): Record<string, unknown> {
  const partFiles = e.parts.map((_, i) => `part${i + 1}.yaml`);
  const manifest = dropUndefined({
    id: e.id,
    name: e.name,
    year: e.year,
    source: e.source,
    parts: partFiles,
    units: "units.yaml",
    overall: e.overall,
    evidenceMethods: e.evidenceMethods,
    readings: e.readings && Object.keys(e.readings).length ? e.readings : undefined,
    preview: e.preview,
    deadlines: e.deadlines,
    monitoring: e.monitoring,
    demo: e.demo !== undefined ? "demo.yaml" : undefined,
    previous: e.previous ? dropUndefined({ edition: e.previous.edition, items: e.previous.items && Object.keys(e.previous.items).length ? e.previous.items : undefined }) : undefined,
  });
  const out: Record<string, unknown> = { "edition.yaml": manifest, "units.yaml": dropUndefined({ units: e.units.map(unitOut), collectives: e.collectives.length ? e.collectives : undefined }) };
  e.parts.forEach((p, i) => (out[partFiles[i]] = partOut(p)));
  if (e.demo !== undefined) out["demo.yaml"] = e.demo;
  return out;
}

export function exportEditionYaml(e: TEdition): EditionFiles {
  const data = editionToFileData(e);
  return Object.fromEntries(Object.entries(data).map(([name, v]) => [name, `# ${e.name} — exported from the 考核版本 page\n${stringify(v, { lineWidth: 0 })}`]));
}

