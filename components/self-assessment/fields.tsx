// Field plumbing of the item form: ids derived from payload paths, and the error that
// sits under its control (aria-invalid + aria-describedby point at it).

/** "value.events.0.kind" → "f-value-events-0-kind" */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]+/g, "-")}`;
}

/** Props tying a control to its error (and an optional hint). */
export function described(key: string, message: string | undefined, hintId?: string) {
  const id = fieldId(key);
  const ids = [message ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ");
  return { id, "aria-invalid": message ? true : undefined, "aria-describedby": ids || undefined } as const;
}

export function FieldError({ k, message }: { k: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${fieldId(k)}-error`} className="mt-1 text-sm text-red-700">
      {message}
    </p>
  );
}

export type ErrorLookup = (key: string) => string | undefined;
