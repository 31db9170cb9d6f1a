import { ChangePasswordForm } from "@/components/auth/ChangePasswordForm";
import { requireSignedIn } from "@/lib/auth/guard";
import { PASSWORD_RULES } from "@/lib/auth/password";

export const metadata = { title: "修改密码" };

export default async function ChangePasswordPage() {
  const user = await requireSignedIn("/account/password");
  return (
    <section className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-6 text-2xl font-bold">修改密码</h1>
      <ChangePasswordForm rules={PASSWORD_RULES} forced={user.mustChangePassword} />
    </section>
  );
}
