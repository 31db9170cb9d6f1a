import Link from "next/link";
import { redirect } from "next/navigation";
import { navFor, PRODUCT_NAME } from "@/components/shell/nav-items";
import { AdminWorkbenchView, FillerWorkbench, LeaderWorkbenchView, MessagesCard, ReviewerWorkbenchView, type FillerBlock } from "@/components/workbench/Workbench";
import { currentUserOrNull } from "@/lib/auth/guard";
import { loadOfficeCalendar } from "@/lib/calendar/store";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { formatShanghai } from "@/lib/assessment/locks";
import { getPublication, resultsReleased } from "@/lib/results/appeals";
import { countdown, getAdminWorkbench, getLeaderWorkbench, getReviewerWorkbench, unreadMessages } from "@/lib/workbench";
import { loadUnitPage } from "./self-assessment/data";

export const metadata = { title: { absolute: `工作台 · ${PRODUCT_NAME}` } };

const SUBMISSION_TEXT = { draft: "填报中", submitted: "已提交，待审核", reviewed: "已审核" } as const;

async function fillerBlock(user: SessionUser): Promise<FillerBlock | null> {
  if (!user.unitCode) return null;
  const d = await loadUnitPage(user.unitCode);
  if (d.kind !== "ok") return null;
  const counted = d.rows.filter((r) => r.counted);
  const firstMissing = d.submitSummary.missing[0];
  const returned = d.rows.filter((r) => r.status === "returned").map((r) => ({ code: r.code, name: r.name, comment: r.returnComment ?? "" }));
  const base = `/self-assessment/${encodeURIComponent(d.unit.code)}`;
  const [continueHref, continueLabel] = returned[0]
    ? [`${base}/${encodeURIComponent(returned[0].code)}`, "修改被退回的指标"]
    : firstMissing && d.lock.editable
      ? [`${base}/${encodeURIComponent(firstMissing.code)}`, "继续填报"]
      : [base, d.lock.editable && d.submitSummary.missing.length === 0 && d.submission?.status !== "submitted" ? "检查并提交" : "查看自评"];
  // once the office publishes the results (or a part is 定稿) the unit reads its own 记分卡
  const [released, publication] = await Promise.all([resultsReleased(d.edition.id), getPublication(d.edition.id)]);
  return {
    unit: d.unit,
    results: released ? { href: `/scorecards/${encodeURIComponent(d.unit.code)}`, appealUntil: publication?.windowOpen ? formatShanghai(new Date(publication.appealDeadline)) : null } : null,
    countdown: d.period ? countdown(new Date(d.period.deadline), new Date(d.period.opensAt), new Date(), d.period.extension !== null) : null,
    // items sent back wait on the unit, not on the reviewers
    submission: returned.length > 0 ? `${returned.length} 项被退回，请修改后重新提交` : d.submission ? SUBMISSION_TEXT[d.submission.status] : "未提交",
    summary: d.submitSummary,
    total: counted.length,
    returned,
    continueHref,
    continueLabel,
  };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-8" aria-label={title}>
      <h2 className="mb-3 text-xl font-bold text-brand-800">{title}</h2>
      {children}
    </section>
  );
}

export default async function HomePage() {
  const user = await currentUserOrNull();
  // a first sign-in (or a reset password) changes the password before anything else
  if (user?.mustChangePassword) redirect("/account/password");
  await loadOfficeCalendar(); // the countdowns' working days: 节假日日历 for years the library lacks
  if (!user)
    return (
      <section>
        <h1 className="text-3xl font-bold text-brand-800">{PRODUCT_NAME}</h1>
        <p className="mt-3 max-w-3xl text-lg text-slate-700">依据年度电子政务绩效考核指标，完成自评上报、网上核查、现场检查、在线监测与结果排名的全过程管理。</p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6">
          <p className="text-slate-700">请使用单位分配的账号登录后使用。</p>
          <Link href="/login" className="mt-4 inline-block rounded-md bg-brand-700 px-5 py-2 text-white hover:bg-brand-600">
            登录
          </Link>
        </div>
      </section>
    );

  const isFiller = can(user.roles, "self:write");
  const [filler, reviewer, leader, admin, messages] = await Promise.all([
    isFiller ? fillerBlock(user) : null,
    can(user.roles, "review:read") ? getReviewerWorkbench() : null,
    user.roles.includes("leader") ? getLeaderWorkbench(user) : null,
    can(user.roles, "admin:users") ? getAdminWorkbench() : null,
    unreadMessages(user.id),
  ]);
  const items = navFor(user.roles);
  return (
    <section>
      <h1 className="text-3xl font-bold text-brand-800">工作台</h1>
      <p className="mt-1 text-slate-600">
        {user.displayName}，您好。{user.unitName ? `${user.unitName}。` : ""}
      </p>
      {isFiller ? (
        <Section title="自评填报">{filler ? <FillerWorkbench f={filler} messages={messages} /> : <p className="text-slate-600">本账号未关联考核单位，或本年度尚未导入指标体系。</p>}</Section>
      ) : null}
      {reviewer ? (
        <Section title="审核">
          <ReviewerWorkbenchView r={reviewer} />
        </Section>
      ) : null}
      {leader ? (
        <Section title="考核结果">
          <LeaderWorkbenchView l={leader} />
        </Section>
      ) : null}
      {admin ? (
        <Section title="系统管理">
          <AdminWorkbenchView a={admin} />
        </Section>
      ) : null}
      {!isFiller ? (
        <div className="mt-8 max-w-xl">
          <MessagesCard {...messages} />
        </div>
      ) : null}
      <nav aria-label="全部功能" className="mt-8">
        <h2 className="mb-2 text-lg font-semibold">全部功能</h2>
        <ul className="flex flex-wrap gap-3">
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className="block rounded-md border border-slate-200 bg-white px-4 py-2 hover:border-brand-600" title={item.description}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}
