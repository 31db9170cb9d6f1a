// A chart with its title and units, and the same data as a table behind a 数据表 toggle
// (the accessible form of the chart; the drawing itself is hidden from screen readers).
export function ChartFigure({
  id,
  title,
  unit,
  description,
  table,
  children,
  className = "",
}: {
  id: string;
  title: string;
  unit: string;
  description?: string;
  table: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <figure aria-labelledby={`${id}-title`} className={`avoid-break rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      <figcaption className="mb-2">
        <h3 id={`${id}-title`} className="text-lg font-bold text-slate-900">
          {title}
          <span className="ml-2 text-sm font-normal text-slate-600">单位：{unit}</span>
        </h3>
        {description ? <p className="text-sm text-slate-600">{description}</p> : null}
      </figcaption>
      <div aria-hidden="true">
        {children}
      </div>
      <details className="mt-2 print:hidden" data-chart-table={id}>
        <summary className="cursor-pointer text-sm font-medium text-brand-700 underline-offset-2 hover:underline">数据表</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </figure>
  );
}

export const tableClass = "w-full border-collapse text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_th]:bg-slate-100 [&_th]:px-2 [&_th]:py-1 [&_th]:text-left";
