"use client";
// Create or edit a user: username (create only), display name, roles, and the unit, which
// 填报员 must have and every other role must not. A new user's initial password is shown once.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createUserAction, updateUserAction } from "@/app/admin/users/actions";
import { UNIT_GROUP_LABELS, UNIT_GROUPS, USERNAME_RULES } from "@/lib/admin/constants";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/permissions";
import { describedBy, Field, FieldError, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type FieldErrors, type Status } from "./fields";
import { OneTimePassword } from "./OneTimePassword";

export type UnitOption = { code: string; name: string; group: (typeof UNIT_GROUPS)[number]; active: boolean };

const ROLE_HINTS: Record<Role, string> = {
  filler: "填报本单位的自评，须选择所属单位",
  reviewer: "审核所有单位的材料和得分",
  leader: "查看排名看板",
  admin: "管理用户、单位和考核年度",
};

type Props =
  | { mode: "create"; units: UnitOption[] }
  | {
      mode: "edit";
      units: UnitOption[];
      user: { id: number; username: string; displayName: string; roles: Role[]; unitCode: string | null; email: string | null };
      isSelf: boolean;
    };

export function UserForm(props: Props) {
  const router = useRouter();
  const id = useId();
  const initial = props.mode === "edit" ? props.user : null;
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? []);
  const [unitCode, setUnitCode] = useState(initial?.unitCode ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ id: number; username: string; password: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const needsUnit = roles.includes("filler");

  function toggleRole(r: Role, on: boolean) {
    setRoles((prev) => (on ? [...prev, r] : prev.filter((x) => x !== r)));
  }

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const common = { displayName: f.get("displayName"), roles, unitCode: unitCode || null, email: f.get("email") };
    setPending(true);
    setStatus(null);
    try {
      if (props.mode === "create") {
        const res = await createUserAction({ ...common, username: f.get("username") });
        if (res.ok) {
          setErrors({});
          setCreated({ id: res.data.user.id, username: res.data.user.username, password: res.data.password });
          setStatus({ tone: "ok", text: `已创建用户“${res.data.user.username}”` });
        } else {
          setErrors(res.fieldErrors ?? {});
          setStatus({ tone: "error", text: res.error });
        }
      } else {
        const res = await updateUserAction({ ...common, id: props.user.id });
        if (res.ok) {
          setErrors({});
          setStatus({ tone: "ok", text: "已保存" });
          router.refresh();
        } else {
          setErrors(res.fieldErrors ?? {});
          setStatus({ tone: "error", text: res.error });
        }
      }
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
  }

  if (created) {
    return (
      <div className="space-y-4">
        <StatusMessage status={status} />
        <OneTimePassword username={created.username} password={created.password} />
        <div className="flex flex-wrap gap-3">
          <Link href={`/admin/users/${created.id}`} className={secondaryButton}>
            查看该用户
          </Link>
          <button
            type="button"
            className={secondaryButton}
            onClick={() => {
              setCreated(null);
              setStatus(null);
              setRoles([]);
              setUnitCode("");
              setFormKey((k) => k + 1);
            }}
          >
            继续新建用户
          </button>
          <Link href="/admin/users" className={secondaryButton}>
            返回用户列表
          </Link>
        </div>
      </div>
    );
  }

  const groups = UNIT_GROUPS.map((g) => ({ g, units: props.units.filter((u) => u.group === g) })).filter((x) => x.units.length);

  return (
    <form key={formKey} onSubmit={onSubmit} className="max-w-xl space-y-5" noValidate>
      {props.mode === "create" ? (
        <Field id={`${id}-username`} errorKey="username" label="用户名" errors={errors} hint={`登录用，创建后不能修改；${USERNAME_RULES}`}>
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="off"
            spellCheck={false}
            className={inputClass}
            {...describedBy(`${id}-username`, errors, "username", `${id}-username-hint`)}
          />
        </Field>
      ) : (
        <p>
          <span className="font-medium">用户名：</span>
          <code>{props.user.username}</code>
        </p>
      )}
      <Field id={`${id}-displayName`} errorKey="displayName" label="姓名" errors={errors}>
        <input
          id={`${id}-displayName`}
          name="displayName"
          defaultValue={initial?.displayName}
          autoComplete="off"
          maxLength={50}
          className={inputClass}
          {...describedBy(`${id}-displayName`, errors, "displayName")}
        />
      </Field>
      <Field id={`${id}-email`} errorKey="email" label="电子邮箱（选填）" errors={errors} hint="开启邮件通知（SMTP_URL）后，消息中心的消息同时发到这个邮箱；留空则只在站内提醒">
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          defaultValue={initial?.email ?? ""}
          autoComplete="off"
          maxLength={200}
          className={inputClass}
          {...describedBy(`${id}-email`, errors, "email", `${id}-email-hint`)}
        />
      </Field>
      <fieldset aria-describedby={errors.roles ? `${id}-roles-error` : undefined}>
        <legend className="font-medium">角色（可多选）</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {ROLES.map((r) => {
            const locked = props.mode === "edit" && props.isSelf && r === "admin" && props.user.roles.includes("admin");
            return (
              <label key={r} className="flex items-start gap-2 rounded-md border border-slate-200 bg-white p-2">
                <input
                  type="checkbox"
                  name="roles"
                  value={r}
                  checked={roles.includes(r)}
                  disabled={locked}
                  aria-invalid={errors.roles ? true : undefined}
                  onChange={(e) => toggleRole(r, e.target.checked)}
                  className="mt-1 h-4 w-4"
                />
                <span>
                  <span className="font-medium">{ROLE_LABELS[r]}</span>
                  <span className="block text-sm text-slate-600">{locked ? "不能取消自己的管理员角色" : ROLE_HINTS[r]}</span>
                </span>
              </label>
            );
          })}
        </div>
        <FieldError id={`${id}-roles`} message={errors.roles} />
      </fieldset>
      <Field
        id={`${id}-unit`}
        errorKey="unitCode"
        label="所属单位"
        errors={errors}
        hint={needsUnit ? "填报员只能填报所属单位的数据" : "选填：记录所在单位，不限制可查看的单位"}
      >
        <select
          id={`${id}-unit`}
          name="unitCode"
          value={unitCode}
          onChange={(e) => setUnitCode(e.target.value)}
          className={inputClass}
          {...describedBy(`${id}-unit`, errors, "unitCode", `${id}-unit-hint`)}
        >
          <option value="">{needsUnit ? "请选择单位" : "（无）"}</option>
          {groups.map(({ g, units }) => (
            <optgroup key={g} label={UNIT_GROUP_LABELS[g]}>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                  {u.active ? "" : "（已停用）"}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <StatusMessage status={status} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "正在保存…" : props.mode === "create" ? "创建用户" : "保存修改"}
      </button>
    </form>
  );
}
