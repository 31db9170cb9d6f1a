import "server-only";
// The one gate. Every page, server action and route handler goes through one of
// requirePage / defineAction / defineRoute: read the session, validate input with zod,
// authorise against the unit that owns the resource, turn errors into typed results.
import { AsyncLocalStorage } from "node:async_hooks";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { can, canOnUnit, type Action } from "./permissions";
import { getCurrentUser, requestIp, type SessionUser } from "./session";

/** Tests run actions as a given user without a request (no cookies, no headers). */
const testActor = new AsyncLocalStorage<{ user: SessionUser | null; ip: string }>();
export function runAs<T>(user: SessionUser | null, fn: () => Promise<T>, ip = "127.0.0.1"): Promise<T> {
  return testActor.run({ user, ip }, fn);
}

async function actor(): Promise<{ user: SessionUser | null; ip: string }> {
  const t = testActor.getStore();
  if (t) return t;
  return { user: await getCurrentUser(), ip: await requestIp() };
}

/** An error the user is meant to see (validation, conflict, lock); anything else is logged. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 423 = 400,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export type ActionResult<R> =
  | { ok: true; data: R }
  | { ok: false; status: number; error: string; fieldErrors?: Record<string, string> };

export type Policy<I> = {
  /** stable name, listed in the authorisation matrix test */
  name: string;
  action: Action;
  /** the unit that owns the resource this input touches (null: not unit-owned) */
  unit?: (input: I, user: SessionUser) => Promise<string | null> | string | null;
};

/** Every action and route registers here so the authorisation matrix can enumerate them. */
export const registry = new Map<string, { kind: "action" | "route"; action: Action }>();

export function zodFieldErrors(err: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of err.issues) {
    const key = i.path.join(".") || "_";
    out[key] ??= i.message;
  }
  return out;
}

async function authorise<I>(policy: Policy<I>, input: I, user: SessionUser | null): Promise<UserError | null> {
  if (!user) return new UserError("请先登录", 401);
  if (user.mustChangePassword && policy.name !== "account.changePassword") return new UserError("请先修改初始密码", 403);
  const unit = policy.unit ? await policy.unit(input, user) : null;
  if (!canOnUnit(user, policy.action, unit)) return new UserError("无权访问", 403);
  return null;
}

function failure(e: unknown, name: string): ActionResult<never> {
  if (e instanceof UserError) return { ok: false, status: e.status, error: e.message, fieldErrors: e.fieldErrors };
  console.error(`[action ${name}]`, e);
  return { ok: false, status: 500, error: "系统暂时无法完成操作，请稍后重试；已保存的数据不会丢失。" };
}

export function defineAction<S extends z.ZodType, R>(
  policy: Policy<z.infer<S>> & { schema: S },
  handler: (ctx: { user: SessionUser; input: z.infer<S>; ip: string }) => Promise<R>,
): (raw: unknown) => Promise<ActionResult<R>> {
  registry.set(policy.name, { kind: "action", action: policy.action });
  return async (raw: unknown) => {
    try {
      const { user, ip } = await actor();
      if (!user) return { ok: false, status: 401, error: "请先登录" };
      // a role that may never do this is refused before its input is even read
      if (!can(user.roles, policy.action)) return { ok: false, status: 403, error: "无权访问" };
      const parsed = policy.schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, status: 400, error: "输入有误，请检查标出的字段", fieldErrors: zodFieldErrors(parsed.error) };
      }
      const denied = await authorise(policy, parsed.data, user);
      if (denied) return { ok: false, status: denied.status, error: denied.message };
      return { ok: true, data: await handler({ user, input: parsed.data, ip }) };
    } catch (e) {
      return failure(e, policy.name);
    }
  };
}

/**
 * What a state-changing request (anything but GET/HEAD) may carry. JSON is the default: the
 * guard reads it (bounded) and hands it to `input`. Uploads declare their type and limit; the
 * route reads the stream itself and counts the bytes (the guard checks Content-Length first).
 */
type Limit = { maxBytes: number | (() => number); tooLarge?: () => string };
export type BodyPolicy =
  | { kind: "json"; maxBytes?: number }
  | ({ kind: "multipart" } & Limit)
  | ({ kind: "binary"; types: readonly string[] } & Limit);

export const DEFAULT_JSON_LIMIT = 256 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const kb = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);

/** The origins this app answers as: the Host the request came to, and NEXTAUTH_URL's. */
function isSameOrigin(req: Request): boolean {
  // browsers send Sec-Fetch-Site; a page on another port or subdomain is "same-site", not ours
  const site = req.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.get("origin");
  if (origin === null) return true; // not a browser's cross-origin request (scripts, curl)
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // "null" (sandboxed frames, file:) and garbage
  }
  const own = [req.headers.get("host"), safeHost(req.url), safeHost(process.env.NEXTAUTH_URL)];
  return own.some((h) => h && h === host);
}
function safeHost(url: string | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

const mediaType = (req: Request) => (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

const maxOf = (body: BodyPolicy): number => (typeof body.maxBytes === "function" ? body.maxBytes() : (body.maxBytes ?? DEFAULT_JSON_LIMIT));

/** Refuses a request whose type or declared size does not fit (before its body is read). */
function checkRequestShape(req: Request, body: BodyPolicy): Response | null {
  const type = mediaType(req);
  const ok =
    body.kind === "json" ? type === "application/json" : body.kind === "multipart" ? type === "multipart/form-data" : body.types.includes(type);
  if (!ok) {
    const error =
      body.kind === "json"
        ? "请求格式不正确（Content-Type 应为 application/json）"
        : body.kind === "multipart"
          ? "请以 multipart/form-data 表单上传文件"
          : `请上传文件本身（Content-Type 应为 ${body.types.join(" 或 ")}）`;
    return Response.json({ error }, { status: 415 });
  }
  const max = maxOf(body);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    return body.kind !== "json" && body.tooLarge ? Response.json({ error: body.tooLarge() }, { status: 413 }) : tooLarge(max);
  }
  return null;
}
const tooLarge = (max: number) => Response.json({ error: `请求内容过大（上限 ${kb(max)}）` }, { status: 413 });

/** The JSON body, read with a byte count (Content-Length can lie or be absent). */
async function readJson(req: Request, max: number): Promise<{ ok: true; value: unknown } | { ok: false; res: Response }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        return { ok: false, res: tooLarge(max) };
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, res: Response.json({ error: "请求内容不是有效的 JSON" }, { status: 400 }) };
  }
}

/**
 * Route handlers: same gate, JSON errors with 400/401/403 and nothing of the resource.
 * State-changing methods also get, here and only here: same-origin (Origin / Sec-Fetch-Site,
 * 403), the declared Content-Type (415) and a bounded body (413) — `body`, JSON by default.
 */
export function defineRoute<S extends z.ZodType, P = Record<string, string>>(
  policy: Policy<z.infer<S>> & {
    input: (req: Request, params: P, body: unknown) => Promise<unknown> | unknown;
    schema: S;
    body?: BodyPolicy;
  },
  handler: (ctx: { user: SessionUser; input: z.infer<S>; ip: string; req: Request }) => Promise<Response>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  registry.set(policy.name, { kind: "route", action: policy.action });
  const bodyPolicy: BodyPolicy = policy.body ?? { kind: "json" };
  return async (req, ctx) => {
    try {
      const writes = !SAFE_METHODS.has(req.method.toUpperCase());
      if (writes && !isSameOrigin(req)) return Response.json({ error: "跨站请求已拒绝：请在本系统的页面中操作" }, { status: 403 });
      const { user, ip } = await actor();
      if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
      if (!can(user.roles, policy.action)) return Response.json({ error: "无权访问" }, { status: 403 });
      let body: unknown = undefined;
      if (writes) {
        const refused = checkRequestShape(req, bodyPolicy);
        if (refused) return refused;
        if (bodyPolicy.kind === "json") {
          const read = await readJson(req, maxOf(bodyPolicy));
          if (!read.ok) return read.res;
          body = read.value;
        }
      }
      const parsed = policy.schema.safeParse(await policy.input(req, await ctx.params, body));
      if (!parsed.success) return Response.json({ error: "请求参数有误", fieldErrors: zodFieldErrors(parsed.error) }, { status: 400 });
      const denied = await authorise(policy, parsed.data, user);
      if (denied) return Response.json({ error: denied.message }, { status: denied.status });
      return await handler({ user, input: parsed.data, ip, req });
    } catch (e) {
      const r = failure(e, policy.name);
      return r.ok ? Response.json({ error: "" }, { status: 500 }) : Response.json({ error: r.error, fieldErrors: r.fieldErrors }, { status: r.status });
    }
  };
}

/** Pages: anonymous → sign-in; first sign-in → change password; not allowed → 无权访问 (403). */
export async function requirePage(action: Action, opts: { unit?: string | null; from?: string } = {}): Promise<SessionUser> {
  const { user } = await actor();
  if (!user) redirect(`/login${opts.from ? `?callbackUrl=${encodeURIComponent(opts.from)}` : ""}`);
  if (user.mustChangePassword) redirect("/account/password");
  if (!canOnUnit(user, action, opts.unit === undefined ? user.unitCode : opts.unit)) forbidden();
  return user;
}

/** Pages any signed-in user may see (home, account). */
export async function requireSignedIn(from?: string): Promise<SessionUser> {
  const { user } = await actor();
  if (!user) redirect(`/login${from ? `?callbackUrl=${encodeURIComponent(from)}` : ""}`);
  return user;
}

export async function currentUserOrNull(): Promise<SessionUser | null> {
  return (await actor()).user;
}
