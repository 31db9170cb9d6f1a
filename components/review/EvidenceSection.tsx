"use client";
// An item's evidence for the reviewer: the shared evidence panel (file list with upload
// time and claimed period, read-only here), loaded only when the section is opened, and
// inline previews of PDFs and images (each loaded only when asked for).
import { useState } from "react";
import { EvidencePanel } from "@/components/evidence/EvidencePanel";
import type { EvidenceView } from "@/lib/review/view-types";

export function EvidenceSection({ editionId, unitCode, itemCode, evidence }: { editionId: number; unitCode: string; itemCode: string; evidence: EvidenceView[] }) {
  const [opened, setOpened] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const previewable = evidence.filter((e) => e.previewable);
  return (
    <details className="mt-3" onToggle={(e) => setOpened((e.currentTarget as HTMLDetailsElement).open)}>
      <summary className="cursor-pointer text-brand-700">佐证材料（{evidence.length}）</summary>
      {opened ? (
        <div className="mt-2 space-y-3">
          <EvidencePanel editionId={editionId} unitCode={unitCode} itemCode={itemCode} canEdit={false} />
          {previewable.length ? (
            <div>
              <p className="font-medium">在线预览</p>
              <ul className="mt-1 flex flex-wrap gap-2">
                {previewable.map((e) => (
                  <li key={e.id}>
                    <button type="button" className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100" aria-pressed={preview === e.id} onClick={() => setPreview(preview === e.id ? null : e.id)}>
                      {preview === e.id ? "收起" : "预览"}：{e.name}
                    </button>
                  </li>
                ))}
              </ul>
              {previewable
                .filter((e) => e.id === preview)
                .map((e) =>
                  e.previewable === "image" ? (
                    // eslint-disable-next-line @next/next/no-img-element -- evidence is served by our own route, not optimisable
                    <img key={e.id} src={`/api/evidence/${encodeURIComponent(e.id)}?inline=1`} alt={`佐证材料预览：${e.name}`} className="mt-2 max-h-[32rem] max-w-full border border-slate-200" />
                  ) : (
                    <iframe key={e.id} src={`/api/evidence/${encodeURIComponent(e.id)}?inline=1`} title={`佐证材料预览：${e.name}`} className="mt-2 h-[32rem] w-full border border-slate-200" />
                  ),
                )}
            </div>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
