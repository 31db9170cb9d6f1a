import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { currentUserOrNull } from "@/lib/auth/guard";

export const metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await currentUserOrNull()) redirect("/");
  return (
    <section className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-6 text-2xl font-bold">登录</h1>
      <LoginForm callbackUrl={callbackUrl} />
    </section>
  );
}
