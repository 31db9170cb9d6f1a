import type { TUnitChip } from "@/lib/indicators/view";
import { Highlight } from "./Highlight";

function Chip({ chip, terms }: { chip: TUnitChip; terms: string[] }) {
  const name = <Highlight text={chip.label} terms={terms} />;
  return (
    <span data-unit-role={chip.role} className="sm:whitespace-nowrap">
      {chip.role === "lead" ? <strong className="font-bold text-slate-950">{name}</strong> : <span>{name}</span>}
      {chip.inferred ? (
        <span className="ml-1 rounded border border-amber-500 bg-amber-50 px-1 text-sm font-medium text-amber-900" title="原表此格为空，按解读推定">
          推定
        </span>
      ) : null}
    </span>
  );
}

/** Names joined by 、; a note follows the last of a run of names sharing it ("市公安局（负责日常检查监督）"). */
function Names({ chips, terms }: { chips: TUnitChip[]; terms: string[] }) {
  return (
    <>
      {chips.map((c, i) => (
        <span key={`${c.label}-${i}`}>
          {i > 0 ? "、" : null}
          <Chip chip={c} terms={terms} />
          {c.note && chips[i + 1]?.note !== c.note ? <span className="text-slate-700">（{c.note}）</span> : null}
        </span>
      ))}
    </>
  );
}

/** 牵头 units in bold, 配合 units plain, 推定 where a reading filled a blank cell. */
export function UnitList({ chips, terms }: { chips: TUnitChip[]; terms: string[] }) {
  if (chips.length === 0) return <span className="text-slate-600">未列明</span>;
  const lead = chips.filter((c) => c.role === "lead");
  const cooperate = chips.filter((c) => c.role === "cooperate");
  return (
    <div className="leading-relaxed">
      {lead.length > 0 ? (
        <p>
          <span className="text-slate-700">牵头：</span>
          <Names chips={lead} terms={terms} />
        </p>
      ) : null}
      {cooperate.length > 0 ? (
        <p>
          <span className="text-slate-700">配合：</span>
          <Names chips={cooperate} terms={terms} />
        </p>
      ) : null}
    </div>
  );
}
