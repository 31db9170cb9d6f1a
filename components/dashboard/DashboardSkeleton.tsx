"use client";
// A client component only so that its markup is not sent again as RSC flight data with
// every uncached 排名看板 and scorecard (issue #17): the flight data refers to it by name.
/** Shown while the dashboard loads: the shape of the filters, the city card, the table and charts. */
export function DashboardSkeleton({ label = "正在加载排名看板" }: { label?: string }) {
  const bar = "animate-pulse rounded-md bg-slate-200";
  return (
    <section aria-busy="true" aria-label={label}>
      <p className="sr-only" role="status">
        {`${label}…`}
      </p>
      <div className={`${bar} h-8 w-40`} />
      <div className={`${bar} mt-2 h-5 w-96`} />
      <div className="mt-6 h-24 rounded-lg border border-slate-200 bg-white p-4">
        <div className={`${bar} h-full`} />
      </div>
      <div className="mt-6 grid gap-4 rounded-lg border-l-4 border-slate-300 bg-white p-5 sm:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className={`${bar} h-20`} />
        ))}
      </div>
      <div className="mt-8 space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className={`${bar} h-6`} />
        ))}
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-2">
        {[0, 1].map((i) => (
          <div key={i} className={`${bar} h-64`} />
        ))}
      </div>
    </section>
  );
}
