// Button styles shared by every feature's UI.
export const primaryButton = "rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:opacity-60";
export const secondaryButton = "rounded-md border border-slate-300 bg-white px-4 py-2 hover:bg-slate-100 disabled:opacity-60";
export const dangerButton = "rounded-md bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-600 disabled:opacity-60";
