// Small status marks: 演示数据, 定稿 / 暂定.

export function DemoBadge() {
  return (
    <span data-testid="demo-badge" title="本页数据为系统生成的演示数据，不是真实考核结果" className="inline-flex items-center rounded-md border-2 border-amber-600 bg-amber-50 px-2 py-0.5 text-sm font-bold text-amber-900">
      演示数据
    </span>
  );
}

export function FinalBadge({ final, label }: { final: boolean; label?: string }) {
  return final ? (
    <span data-status="final" className="inline-flex items-center rounded-md bg-emerald-700 px-2 py-0.5 text-sm font-semibold text-white">
      {label ? `${label} ` : ""}定稿
    </span>
  ) : (
    <span data-status="provisional" className="inline-flex items-center rounded-md border border-dashed border-orange-700 bg-orange-50 px-2 py-0.5 text-sm font-semibold text-orange-900">
      {label ? `${label} ` : ""}暂定
    </span>
  );
}
