// Where to go after signing in. Only a path on this very origin: the candidate is parsed
// the way the browser will parse it (`new URL(candidate, origin)`, which turns "\" into
// "/" and drops tabs and newlines) and compared by origin. Anything else goes to "/".
// Used by next-auth's redirect callback and by the sign-in form: one rule, one place.

/** A same-origin path ("/x?y#z"), or "/" when `candidate` would leave `origin`. */
export function safeCallbackPath(candidate: unknown, origin: string): string {
  if (typeof candidate !== "string" || candidate === "" || candidate.length > 2048) return "/";
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(candidate, base);
  } catch {
    return "/";
  }
  if (target.origin !== base.origin) return "/";
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/x/..//evil.example" normalises to "//evil.example": same origin now, another host once
  // used as a relative URL. Re-check what we hand out, as it will be read.
  try {
    if (new URL(path, base).origin !== base.origin || !path.startsWith("/") || path.startsWith("//")) return "/";
  } catch {
    return "/";
  }
  return path;
}

/** The same rule as an absolute URL (next-auth's redirect callback wants one). */
export function safeCallbackUrl(candidate: unknown, origin: string): string {
  return new URL(safeCallbackPath(candidate, origin), origin).href;
}
