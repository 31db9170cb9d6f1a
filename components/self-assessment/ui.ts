// Shared class names of the self-assessment forms (Tailwind), kept in one place.
export const inputClass =
  "mt-1 w-full rounded-md border border-slate-300 bg-white px-3 py-2 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600 disabled:bg-slate-100 disabled:text-slate-600";
export const smallInputClass =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-600 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-red-600 disabled:bg-slate-100 disabled:text-slate-600";
export const primaryButton = "rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100 disabled:opacity-60";
export const linkButton = "text-brand-700 underline-offset-2 hover:underline disabled:opacity-60";
export const errorText = "mt-1 text-sm text-red-700";
