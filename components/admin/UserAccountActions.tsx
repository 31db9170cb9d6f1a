"use client";
// Reset password and disable/enable, each behind a confirmation dialog. Nothing is deleted:
// a disabled account keeps its history and can be enabled again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { resetUserPasswordAction, setUserDisabledAction } from "@/app/admin/users/actions";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { dangerButton, NETWORK_ERROR, secondaryButton, StatusMessage, type Status } from "./fields";
import { OneTimePassword } from "./OneTimePassword";

type Pending = "reset" | "disable" | "enable" | null;

export function UserAccountActions({ user, isSelf }: { user: { id: number; username: string; displayName: string; disabled: boolean }; isSelf: boolean }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Pending>(null);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [password, setPassword] = useState<string | null>(null);

  async function run(kind: Exclude<Pending, null>, reason: string) {
    setPending(true);
    setStatus(null);
    try {
      if (kind === "reset") {
        const res = await resetUserPasswordAction({ id: user.id, reason });
        if (res.ok) {
          setPassword(res.data.password);
          setStatus({ tone: "ok", text: "密码已重置，该用户的现有登录已失效" });
        } else setStatus({ tone: "error", text: res.error });
      } else {
        const res = await setUserDisabledAction({ id: user.id, disabled: kind === "disable", reason });
        if (res.ok) {
          setStatus({ tone: "ok", text: kind === "disable" ? "账号已停用，该用户的现有登录已失效" : "账号已启用" });
          router.refresh();
        } else setStatus({ tone: "error", text: res.error });
      }
    } catch {
      setStatus({ tone: "error", text: NETWORK_ERROR });
    } finally {
      setPending(false);
      setDialog(null);
    }
  }

  const who = `“${user.displayName}”（${user.username}）`;
  return (
    <div className="space-y-4">
      {isSelf ? (
        <p className="text-slate-600">这是您自己的账号：不能在这里停用或重置密码；修改密码请使用页面顶部的“修改密码”。</p>
      ) : (
        <div className="flex flex-wrap gap-3">
          <button type="button" className={secondaryButton} disabled={pending || user.disabled} onClick={() => setDialog("reset")}>
            重置密码
          </button>
          {user.disabled ? (
            <button type="button" className={secondaryButton} disabled={pending} onClick={() => setDialog("enable")}>
              启用账号
            </button>
          ) : (
            <button type="button" className={dangerButton} disabled={pending} onClick={() => setDialog("disable")}>
              停用账号
            </button>
          )}
        </div>
      )}
      <StatusMessage status={status} />
      {password ? <OneTimePassword username={user.username} password={password} /> : null}

      <ConfirmDialog
        open={dialog === "reset"}
        title="重置密码"
        confirmLabel="确认重置"
        pending={pending}
        reasonLabel="原因（可选）"
        onClose={() => setDialog(null)}
        onConfirm={(reason) => void run("reset", reason)}
      >
        将为{who}生成新的初始密码，原密码立即失效，该用户须重新登录并修改密码。
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "disable"}
        title="停用账号"
        confirmLabel="确认停用"
        danger
        pending={pending}
        reasonLabel="原因（可选）"
        onClose={() => setDialog(null)}
        onConfirm={(reason) => void run("disable", reason)}
      >
        停用后{who}将立即退出并无法登录；账号和历史记录都会保留，之后可以重新启用。
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "enable"}
        title="启用账号"
        confirmLabel="确认启用"
        pending={pending}
        reasonLabel="原因（可选）"
        onClose={() => setDialog(null)}
        onConfirm={(reason) => void run("enable", reason)}
      >
        启用后{who}可以用原密码重新登录。
      </ConfirmDialog>
    </div>
  );
}
