import type { EditionDiff } from "@/lib/authoring/diff";

function Section({ title, items, testId }: { title: string; items: React.ReactNode[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <section className="mb-4" data-testid={testId}>
      <h3 className="font-bold">
        {title}（{items.length}）
      </h3>
      <ul className="ml-6 list-disc">
        {items.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ul>
    </section>
  );
}

/** 与来源版本的差异, as a readable list. */
export function DiffView({ diff, sourceName }: { diff: EditionDiff; sourceName: string }) {
  if (diff.empty) return <p className="text-slate-700">与来源版本“{sourceName}”相比没有任何变化。</p>;
  return (
    <div>
      <Section testId="diff-edition" title="版本设置" items={diff.edition} />
      <Section testId="diff-added" title="新增指标" items={diff.added.map((x) => `${x.part} · ${x.name}（${x.code}）${x.max} 分`)} />
      <Section testId="diff-removed" title="删除指标" items={diff.removed.map((x) => `${x.part} · ${x.name}（${x.code}）${x.max} 分`)} />
      <Section
        testId="diff-changed"
        title="修改指标"
        items={diff.changed.map((c) => (
          <>
            <span className="font-medium">
              {c.name}（{c.previousCode ? `${c.previousCode} → ${c.code}` : c.code}）
            </span>
            {c.previousCode ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-sm text-amber-900">重新编码</span> : null}
            <ul className="ml-6 list-[circle]">
              {c.changes.map((t, i) => (
                <li key={i}>{t}</li>
              ))}
            </ul>
          </>
        ))}
      />
      <Section testId="diff-units" title="单位" items={[...diff.unitsAdded.map((u) => `新增 ${u}`), ...diff.unitsRemoved.map((u) => `删除 ${u}`), ...diff.unitsRenamed.map((u) => `更名 ${u}`)]} />
      <Section testId="diff-columns" title="网站栏目" items={[...diff.columnsAdded.map((u) => `新增 ${u}`), ...diff.columnsRemoved.map((u) => `删除 ${u}`), ...diff.columnsChanged.map((u) => `修改 ${u}`)]} />
    </div>
  );
}
