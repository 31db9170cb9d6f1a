"use client";

/** Opens the browser's print dialog; "另存为 PDF" there gives the A4 meeting report. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded-md border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
      打印 / 导出 PDF
    </button>
  );
}
