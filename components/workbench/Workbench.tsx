// 工作台 blocks per role. Server components: plain links, readable without script.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AdminWorkbench, Countdown, LeaderWorkbench, ReviewerWorkbench } from "@/lib/workbench";
import type { MessageView } from "@/lib/messages";
import type { SubmitSummary } from "@/lib/assessment/submit-summary";

const link = "text-brand-700 underline-offset-2 hover:underline";
const fmt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

function Card({ title, testId, children, wide }: { title: string; testId: string; children: ReactNode; wide?: boolean }) {
  return (
    <section aria-label={title} data-testid={testId} className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${wide ? "lg:col-span-2" : ""}`}>
      <h2 className="mb-3 text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="text-slate-600">{children}</p>;
}

function More({ n, shown, href, label }: { n: number; shown: number; href: string; label: string }) {
  return n > shown ? (
    <p className="mt-2 text-sm">
      <Link className={link} href={href}>
        {label}（共 {n} 个）
      </Link>
    </p>
  ) : null;
}

export function CountdownText({ c }: { c: Countdown }) {
  if (c.state === "not-open") return <p>填报尚未开始，截止时间 {c.deadlineText}。</p>;
  if (c.state === "closed") return <p className="font-semibold text-red-800">已于 {c.deadlineText} 截止。</p>;
  return (
    <p>
      截止 <strong>{c.deadlineText}</strong>
      {c.extended ? "（本单位延期）" : ""}，还剩 <strong className="tabular-nums text-2xl text-brand-800">{c.days}</strong> 天
      {c.workdays !== null ? <>（<span className="tabular-nums">{c.workdays}</span> 个工作日）</> : null}
    </p>
  );
}

export function MessagesCard({ unread, rows }: { unread: number; rows: MessageView[] }) {
  return (
    <Card title={`未读消息（${unread}）`} testId="wb-messages">
      {rows.length === 0 ? (
        <Empty>没有未读消息。</Empty>
      ) : (
        <ul className="space-y-2">
          {rows.map((m) => (
            <li key={m.id}>
              <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs">{m.kindLabel}</span>
              {m.link ? (
                <Link className={link} href={m.link}>
                  {m.title}
                </Link>
              ) : (
                m.title
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link className={link} href="/messages">
          进入消息中心
        </Link>
      </p>
    </Card>
  );
}

export type FillerBlock = {
  unit: { code: string; name: string };
  countdown: Countdown | null;
  submission: string;
  summary: SubmitSummary;
  total: number;
  returned: { code: string; name: string; comment: string }[];
  /** null until the results are released to units; appealUntil while the appeal window is open */
  results: { href: string; appealUntil: string | null } | null;
  continueHref: string;
  continueLabel: string;
};

export function FillerWorkbench({ f, messages }: { f: FillerBlock; messages: { unread: number; rows: MessageView[] } }) {
  const done = f.summary.filled + f.summary.notApplicable;
  const pct = f.total ? Math.round((done / f.total) * 100) : 0;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={`${f.unit.name} · 填报进度`} testId="wb-filler-progress">
        {f.countdown ? <CountdownText c={f.countdown} /> : <p>本年度尚未开放自评填报。</p>}
        <p className="mt-1 text-slate-700">状态：{f.submission}</p>
        <div className="mt-3 h-3 w-full overflow-hidden rounded bg-slate-200" role="progressbar" aria-label="填报进度" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
        </div>
        <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
          <div>
            <dt className="text-sm text-slate-600">已填报</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="wb-filled">{f.summary.filled}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">不适用</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="wb-na">{f.summary.notApplicable}</dd>
          </div>
          <div>
            <dt className="text-sm text-slate-600">未填报</dt>
            <dd className="text-xl font-bold tabular-nums" data-testid="wb-missing">{f.summary.missing.length}</dd>
          </div>
        </dl>
        <Link href={f.continueHref} className="mt-4 inline-block rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-600" data-testid="wb-continue">
          {f.continueLabel}
        </Link>
      </Card>
      <Card title={`被退回的指标（${f.returned.length}）`} testId="wb-returned">
        {f.returned.length === 0 ? (
          <Empty>没有被退回的指标。</Empty>
        ) : (
          <ul className="space-y-2">
            {f.returned.map((r) => (
              <li key={r.code}>
                <Link className={link} href={`/self-assessment/${encodeURIComponent(f.unit.code)}/${encodeURIComponent(r.code)}`}>
                  {r.name}
                </Link>
                <span className="mt-1 block rounded bg-red-50 px-2 py-1 text-sm text-red-800">审核意见：{r.comment}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {f.results ? (
        <Card title="考核结果" testId="wb-results">
          <p>本年度考核结果已公布，可查看本单位的得分、审核调整及理由。</p>
          {f.results.appealUntil ? <p className="mt-1">对结果有异议的，可在 {f.results.appealUntil} 前在记分卡页面就具体指标提出申诉。</p> : null}
          <Link href={f.results.href} prefetch={false} className="mt-4 inline-block rounded-md border border-brand-700 px-5 py-2 font-medium text-brand-700 hover:bg-brand-50">
            查看本单位记分卡
          </Link>
        </Card>
      ) : null}
      <MessagesCard {...messages} />
    </div>
  );
}

export function ReviewerWorkbenchView({ r }: { r: ReviewerWorkbench }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title={`待审核单位（${r.waiting.length}）`} testId="wb-waiting">
        {r.waiting.length === 0 ? (
          <Empty>没有等待审核的单位。</Empty>
        ) : (
          <ol className="space-y-1">
            {r.waiting.slice(0, 10).map((u) => (
              <li key={u.unitCode}>
                <Link className={link} href={`/review/${encodeURIComponent(u.unitCode)}`}>
                  {u.unitName}
                </Link>
                <span className="ml-2 text-sm text-slate-600">
                  已等待 {u.waiting} · {u.open} 项待审
                </span>
              </li>
            ))}
          </ol>
        )}
        <More n={r.waiting.length} shown={10} href="/review?status=submitted" label="查看全部待审核单位" />
      </Card>
      <Card title={`退回待单位修改（${r.returned.length}）`} testId="wb-returned-units">
        {r.returned.length === 0 ? (
          <Empty>没有等待单位修改的退回项。</Empty>
        ) : (
          <ul className="space-y-1">
            {r.returned.slice(0, 10).map((u) => (
              <li key={u.unitCode}>
                <Link className={link} href={`/review/${encodeURIComponent(u.unitCode)}`}>
                  {u.unitName}
                </Link>
                <span className="ml-2 text-sm text-slate-600">{u.items} 项退回</span>
              </li>
            ))}
          </ul>
        )}
        <More n={r.returned.length} shown={10} href="/review?status=returned" label="查看全部" />
      </Card>
      <Card title={`监测发现整改期限（${r.findings.length}）`} testId="wb-findings">
        {r.findings.length === 0 ? (
          <Empty>没有未整改的监测发现。</Empty>
        ) : (
          <ul className="space-y-1">
            {r.findings.slice(0, 10).map((f, i) => (
              <li key={`${f.unitCode}-${f.itemCode}-${i}`} className={f.overdue ? "text-red-800" : undefined}>
                {f.unitName} · {f.itemName}（{f.kind}，{f.date} 通报）整改期限 {f.due}
                {f.overdue ? "，已逾期" : ""}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={`尚未开始填报的单位（${r.notStarted.length}）`} testId="wb-not-started">
        {r.notStarted.length === 0 ? (
          <Empty>{r.inProgress.length === 0 ? "所有单位都已提交。" : "所有单位都已开始填报。"}</Empty>
        ) : (
          <p className="text-slate-800">{r.notStarted.slice(0, 30).map((u) => u.unitName).join("、")}{r.notStarted.length > 30 ? "等" : ""}</p>
        )}
        {r.inProgress.length > 0 ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="wb-in-progress">
            另有 <span className="tabular-nums">{r.inProgress.length}</span> 个单位正在填报、尚未提交：{r.inProgress.slice(0, 15).map((u) => u.unitName).join("、")}
            {r.inProgress.length > 15 ? "等" : ""}。
          </p>
        ) : null}
        <p className="mt-3 text-sm">
          <Link className={link} href="/review/remind">
            催报未提交单位
          </Link>
        </p>
      </Card>
    </div>
  );
}

function RankList({ rows }: { rows: LeaderWorkbench["groups"][number]["top"] }) {
  return (
    <ol className="space-y-1">
      {rows.map((r) => (
        <li key={r.unit} className="flex justify-between gap-2">
          <span>
            <span className="mr-2 inline-block w-6 text-right tabular-nums text-slate-600">{r.rank}</span>
            <Link className={link} href={`/scorecards/${encodeURIComponent(r.unit)}`} prefetch={false}>
              {r.name}
            </Link>
          </span>
          <span className="tabular-nums">
            {r.score}
            <span className={`ml-2 rounded px-1.5 py-0.5 text-xs ${r.final ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>{r.final ? "定稿" : "暂定"}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

export function LeaderWorkbenchView({ l }: { l: LeaderWorkbench }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <p className="lg:col-span-2 text-slate-700" data-testid="wb-parts">
        {l.editionName}：{l.parts.map((p) => `${p.name}${p.final ? "（定稿）" : "（暂定）"}`).join("；")}
      </p>
      {l.groups.map((g) => (
        <Card key={g.group} title={`${g.label}排名（共 ${g.of} 个）`} testId={`wb-rank-${g.group}`}>
          {g.of === 0 ? (
            <Empty>暂无排名。</Empty>
          ) : (
            <>
              <h3 className="mb-1 font-medium">前五名</h3>
              <RankList rows={g.top} />
              {g.bottom.length ? (
                <>
                  <h3 className="mb-1 mt-3 font-medium">后五名</h3>
                  <RankList rows={g.bottom} />
                </>
              ) : null}
            </>
          )}
          <p className="mt-3 text-sm">
            <Link className={link} href={`/dashboard?group=${g.group}`}>
              查看完整排名
            </Link>
          </p>
        </Card>
      ))}
      <Card title="上次访问以来的变化" testId="wb-changes" wide>
        {l.since === null ? (
          <Empty>这是您第一次打开工作台；之后这里会列出自上次访问以来的提交、审核、调整和定稿。</Empty>
        ) : l.changes.length === 0 ? (
          <Empty>自 {fmt(l.since)} 以来没有变化。</Empty>
        ) : (
          <>
            <p className="mb-2 text-sm text-slate-600">自 {fmt(l.since)} 以来：</p>
            <ul className="space-y-1">
              {l.changes.map((c, i) => (
                <li key={i}>
                  <time className="mr-2 text-sm tabular-nums text-slate-600">{fmt(c.at)}</time>
                  {c.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
    </div>
  );
}

export function AdminWorkbenchView({ a }: { a: AdminWorkbench }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="填报期限" testId="wb-period">
        {a.editionName ? <p className="mb-1">{a.editionName}</p> : <Empty>尚未导入考核年度。</Empty>}
        {a.period ? <CountdownText c={a.period} /> : <Empty>本年度尚未开放自评填报。</Empty>}
        <p className="mt-1">
          已提交 <span className="tabular-nums">{a.submitted}</span> / <span className="tabular-nums">{a.units}</span> 个单位
        </p>
        <p className="mt-3 text-sm">
          <Link className={link} href="/admin/periods">
            设置填报期限
          </Link>
        </p>
      </Card>
      <Card title={`从未登录的账号（${a.neverSignedIn.length}）`} testId="wb-never-signed-in">
        {a.neverSignedIn.length === 0 ? (
          <Empty>所有账号都已登录过。</Empty>
        ) : (
          <ul className="space-y-1">
            {a.neverSignedIn.slice(0, 15).map((u) => (
              <li key={u.id}>
                <Link className={link} href={`/admin/users/${u.id}`}>
                  {u.displayName}（{u.username}）
                </Link>
                {u.unitName ? <span className="ml-2 text-sm text-slate-600">{u.unitName}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <More n={a.neverSignedIn.length} shown={15} href="/admin/users" label="用户管理" />
      </Card>
      <Card title={`没有填报员账号的单位（${a.unitsWithoutAccounts.length}）`} testId="wb-units-without-accounts" wide>
        {a.unitsWithoutAccounts.length === 0 ? (
          <Empty>每个单位都有填报员账号。</Empty>
        ) : (
          <p>{a.unitsWithoutAccounts.map((u) => u.name).join("、")}</p>
        )}
        <p className="mt-3 text-sm">
          <Link className={link} href="/admin/users/new">
            新建用户
          </Link>
        </p>
      </Card>
    </div>
  );
}
