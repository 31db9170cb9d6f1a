// Download responses for generated spreadsheets (the review template, the audit export).

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An xlsx download with a Chinese file name (RFC 6266 / 5987), never cached. */
export function xlsxDownload(file: Buffer, asciiName: string, name: string): Response {
  return new Response(new Uint8Array(file), {
    headers: {
      "Content-Type": XLSX_MIME,
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Route handlers users reach by following a link (downloads): without a session, send the
 * browser to sign in and back, as pages do, instead of a bare 401. Authorisation itself
 * stays with defineRoute.
 */
export function signInFirst<C>(from: string, route: (req: Request, ctx: C) => Promise<Response>, isSignedIn: () => Promise<boolean>): (req: Request, ctx: C) => Promise<Response> {
  return async (req, ctx) => {
    if (!(await isSignedIn())) return new Response(null, { status: 307, headers: { Location: `/login?callbackUrl=${encodeURIComponent(from)}`, "Cache-Control": "no-store" } });
    return route(req, ctx);
  };
}
