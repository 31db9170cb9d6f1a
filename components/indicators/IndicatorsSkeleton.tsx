/** Shown while the page loads: the shape of the filter and the tree, no content. */
export function IndicatorsSkeleton() {
  const bar = "animate-pulse rounded-md bg-slate-200";
  return (
    <section aria-busy="true" aria-label="正在加载指标体系">
      <p className="sr-only" role="status">
        正在加载指标体系…
      </p>
      <div className={`${bar} h-8 w-40`} />
      <div className={`${bar} mt-2 h-5 w-96`} />
      <div className="mt-6 h-24 rounded-lg border border-slate-200 bg-white p-4">
        <div className={`${bar} h-full`} />
      </div>
      {[0, 1].map((part) => (
        <div key={part} className="mt-10 space-y-4">
          <div className={`${bar} h-8 w-80`} />
          {[0, 1, 2].map((i) => (
            <div key={i} className="rounded-md border-l-4 border-slate-300 bg-white p-4 shadow-sm">
              <div className={`${bar} h-6 w-64`} />
              <div className={`${bar} mt-3 h-4 w-full`} />
              <div className={`${bar} mt-2 h-4 w-3/4`} />
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
