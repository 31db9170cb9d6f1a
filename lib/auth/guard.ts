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

/** Route handlers: same gate, JSON errors with 400/401/403 and nothing of the resource. */
export function defineRoute<S extends z.ZodType, P = Record<string, string>>(
  policy: Policy<z.infer<S>> & { input: (req: Request, params: P) => Promise<unknown> | unknown; schema: S },
  handler: (ctx: { user: SessionUser; input: z.infer<S>; ip: string; req: Request }) => Promise<Response>,
): (req: Request, ctx: { params: Promise<P> }) => Promise<Response> {
  registry.set(policy.name, { kind: "route", action: policy.action });
  return async (req, ctx) => {
    try {
      const { user, ip } = await actor();
      if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
      if (!can(user.roles, policy.action)) return Response.json({ error: "无权访问" }, { status: 403 });
      const parsed = policy.schema.safeParse(await policy.input(req, await ctx.params));
      if (!parsed.success) return Response.json({ error: "请求参数有误", fieldErrors: zodFieldErrors(parsed.error) }, { status: 400 });
      const denied = await authorise(policy, parsed.data, user);
      if (denied) return Response.json({ error: denied.message }, { status: denied.status });
      return await handler({ user, input: parsed.data, ip, req });
    } catch (e) {
      const r = failure(e, policy.name);
      return Response.json({ error: r.ok ? "" : r.error }, { status: r.ok ? 200 : r.status });
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
