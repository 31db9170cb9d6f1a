import type { TReading } from "@/lib/rules/schema";
import { Highlight } from "./Highlight";

/** The readings of ambiguous sentences that shape a rule: source sentence, chosen reading, alternatives. */
export function ReadingNotes({ readings, terms, title = "解读说明" }: { readings: TReading[]; terms: string[]; title?: string }) {
  if (readings.length === 0) return null;
  return (
    <aside aria-label={title} className="rounded-md border border-amber-300 bg-amber-50 p-4 text-slate-900">
      <h4 className="mb-2 font-semibold text-amber-900">{title}</h4>
      <ul className="space-y-3">
        {readings.map((r, i) => (
          <li key={`${r.id}-${i}`} data-reading={r.id}>
            <p>
              <span className="mr-2 inline-block rounded bg-amber-200 px-1.5 text-sm font-semibold text-amber-950">{r.id}</span>
              <span className="text-slate-700">原文：</span>“<Highlight text={r.source} terms={terms} />”
            </p>
            <p className="mt-1">
              <span className="font-semibold">本平台采用：</span>
              {r.chosen}
            </p>
            {(r.alternatives ?? []).length > 0 ? (
              <div className="mt-1 text-slate-700">
                <span>其他理解：</span>
                <ul className="ml-5 list-disc">
                  {r.alternatives.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </aside>
  );
}
