"use client";
// 单位管理 forms: add a unit, rename one (with a reason), deactivate/activate it.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { createUnitAction, renameUnitAction, setUnitActiveAction } from "@/app/admin/units/actions";
import { UNIT_CODE_RULES, UNIT_GROUP_LABELS, UNIT_GROUPS } from "@/lib/admin/constants";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { dangerButton, describedBy, Field, inputClass, NETWORK_ERROR, primaryButton, secondaryButton, StatusMessage, type FieldErrors, type Status } from "./fields";

type Result = { ok: true } | { ok: false; error: string; fieldErrors?: FieldErrors };

/** Submit state shared by the forms: pending, field errors, the status line. */
function useSubmit() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, setPending] = useState(false);
  async function submit(run: () => Promise<Result>, okText: string): Promise<boolean> {
    setPending(true);
    setStatus(null);
    try {
      const res = await run();
      if (res.ok) {
        setErrors({});
        setStatus({ tone: "ok", text: okText });
        return true;
      }
      setErrors(res.fieldErrors ?? {});
      setStatus({ tone: "error", text: res.error });
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
    }
    return false;
  }
  return { errors, status, pending, submit };
}

export function UnitCreateForm() {
  const router = useRouter();
  const id = useId();
  const { errors, status, pending, submit } = useSubmit();
  const [warning, setWarning] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const name = String(f.get("name") ?? "").trim();
    setWarning(null);
    const ok = await submit(async () => {
      const res = await createUnitAction({ code: f.get("code"), name: f.get("name"), group: f.get("group") });
      if (res.ok) setWarning(res.data.warning ? `“${name}”：${res.data.warning}。在此之前，该单位的填报员没有可填报的指标，排名看板和记分卡中也没有该单位。` : null);
      return res;
    }, `已添加单位“${name}”`);
    if (ok) {
      form.reset();
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-3" noValidate aria-label="添加单位">
      <Field id={`${id}-name`} errorKey="name" label="单位名称" errors={errors}>
        <input id={`${id}-name`} name="name" maxLength={50} autoComplete="off" className={inputClass} {...describedBy(`${id}-name`, errors, "name")} />
      </Field>
      <Field id={`${id}-code`} errorKey="code" label="单位代码" errors={errors} hint={UNIT_CODE_RULES}>
        <input
          id={`${id}-code`}
          name="code"
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          placeholder="如 dept-xxx"
          className={inputClass}
          {...describedBy(`${id}-code`, errors, "code", `${id}-code-hint`)}
        />
      </Field>
      <Field id={`${id}-group`} errorKey="group" label="分组" errors={errors}>
        <select id={`${id}-group`} name="group" defaultValue="department" className={inputClass} {...describedBy(`${id}-group`, errors, "group")}>
          {UNIT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {UNIT_GROUP_LABELS[g]}
            </option>
          ))}
        </select>
      </Field>
      <div className="md:col-span-3">
        <StatusMessage status={status} />
        {warning ? (
          <p role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" data-testid="unit-outside-warning">
            {warning}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className={`mt-2 ${primaryButton}`}>
          {pending ? "正在添加…" : "添加单位"}
        </button>
      </div>
    </form>
  );
}

export function UnitRenameForm({ code, name }: { code: string; name: string }) {
  const router = useRouter();
  const id = useId();
  const { errors, status, pending, submit } = useSubmit();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const ok = await submit(() => renameUnitAction({ code, newName: f.get("newName"), reason: f.get("reason") }), "已更名，原名称已保留为别名");
    if (ok) {
      form.reset();
      router.refresh();
    }
  }

  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-4" noValidate aria-label="单位更名">
      <p className="text-slate-700">
        当前名称：<span className="font-medium">{name}</span>。更名后原名称保留为别名，已有数据和导入文件中的原名称仍能识别。
      </p>
      <Field id={`${id}-newName`} errorKey="newName" label="新名称" errors={errors}>
        <input id={`${id}-newName`} name="newName" maxLength={50} autoComplete="off" className={inputClass} {...describedBy(`${id}-newName`, errors, "newName")} />
      </Field>
      <Field id={`${id}-reason`} errorKey="reason" label="更名原因" errors={errors} hint="如：机构改革，依据某文件">
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={2}
          maxLength={200}
          className={inputClass}
          {...describedBy(`${id}-reason`, errors, "reason", `${id}-reason-hint`)}
        />
      </Field>
      <StatusMessage status={status} />
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? "正在保存…" : "更名"}
      </button>
    </form>
  );
}

export function UnitActiveToggle({ code, name, active, userCount }: { code: string; name: string; active: boolean; userCount: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { status, pending, submit } = useSubmit();

  async function confirm(reason: string) {
    const ok = await submit(() => setUnitActiveAction({ code, active: !active, reason }), active ? "单位已停用" : "单位已启用");
    setOpen(false);
    if (ok) router.refresh();
  }

  return (
    <div className="space-y-3">
      <button type="button" onClick={() => setOpen(true)} disabled={pending} className={active ? dangerButton : secondaryButton}>
        {active ? "停用单位" : "启用单位"}
      </button>
      <StatusMessage status={status} />
      <ConfirmDialog
        open={open}
        title={active ? "停用单位" : "启用单位"}
        confirmLabel={active ? "确认停用" : "确认启用"}
        danger={active}
        pending={pending}
        reasonLabel="原因（可选）"
        onClose={() => setOpen(false)}
        onConfirm={(reason) => void confirm(reason)}
      >
        {active
          ? `停用后“${name}”不能再分配给新用户，也不出现在新的选择列表中；已有数据、历史和该单位的 ${userCount} 个用户账号都保留。`
          : `启用后“${name}”可以重新分配给用户。`}
      </ConfirmDialog>
    </div>
  );
}
