export default function Loading() {
  return (
    <p role="status" className="p-6 text-slate-700">
      正在汇总各年度结果…
    </p>
  );
}
