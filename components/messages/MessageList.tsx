"use client";
// The message centre: newest first, unread marked, each message markable read (or all at
// once). Plain links and buttons: usable with the keyboard alone.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markReadAction } from "@/app/messages/actions";
import { formatTime, linkClass, NETWORK_ERROR, secondaryButton, StatusMessage, type Status } from "@/components/review/ui";

export type MessageRow = { id: number; kindLabel: string; title: string; body: string; link: string | null; createdAt: string; read: boolean };

export function MessageList({ rows, unread, unreadOnly, page, pages }: { rows: MessageRow[]; unread: number; unreadOnly: boolean; page: number; pages: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<Status>(null);

  const mark = (input: { all: true } | { ids: number[] }) =>
    start(async () => {
      const r = await markReadAction(input).catch(() => null);
      if (!r) return setStatus({ tone: "error", text: NETWORK_ERROR });
      if (!r.ok) return setStatus({ tone: "error", text: r.error });
      setStatus({ tone: "ok", text: r.data.marked ? `已将 ${r.data.marked} 条消息标为已读。` : "没有未读消息。" });
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <p data-testid="messages-unread">
          未读 <strong className="tabular-nums">{unread}</strong> 条
        </p>
        <nav aria-label="消息筛选" className="flex gap-3">
          <Link href="/messages" className={linkClass} aria-current={!unreadOnly ? "page" : undefined}>
            全部
          </Link>
          <Link href="/messages?unread=1" className={linkClass} aria-current={unreadOnly ? "page" : undefined}>
            只看未读
          </Link>
        </nav>
        {unread > 0 ? (
          <button type="button" className={secondaryButton} disabled={pending} onClick={() => mark({ all: true })}>
            全部标为已读
          </button>
        ) : null}
      </div>
      <StatusMessage status={status} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-slate-600" data-testid="messages-empty">
          {unreadOnly ? "没有未读消息。" : "暂无消息。退回修改、截止提醒、催报等通知会显示在这里。"}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="message-list">
          {rows.map((m) => (
            <li key={m.id} className={`rounded-lg border p-4 ${m.read ? "border-slate-200 bg-white" : "border-brand-600 bg-brand-50"}`} data-testid="message" data-read={m.read ? "1" : "0"}>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="font-semibold">
                  <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-normal text-slate-800">{m.kindLabel}</span>
                  {!m.read ? <span className="sr-only">（未读）</span> : null}
                  {m.title}
                </h2>
                <time className="text-sm text-slate-600" dateTime={m.createdAt}>
                  {formatTime(m.createdAt)}
                </time>
              </div>
              <p className="mt-2 whitespace-pre-line text-slate-800">{m.body}</p>
              <div className="mt-2 flex gap-4 text-sm">
                {m.link ? (
                  <Link href={m.link} className={linkClass} onClick={() => (!m.read ? mark({ ids: [m.id] }) : undefined)}>
                    查看
                  </Link>
                ) : null}
                {!m.read ? (
                  <button type="button" className={linkClass} disabled={pending} onClick={() => mark({ ids: [m.id] })}>
                    标为已读<span className="sr-only">：{m.title}</span>
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label="分页" className="flex gap-4">
          {page > 1 ? <Link className={linkClass} href={`/messages?${unreadOnly ? "unread=1&" : ""}page=${page - 1}`}>上一页</Link> : null}
          <span>
            第 {page} / {pages} 页
          </span>
          {page < pages ? <Link className={linkClass} href={`/messages?${unreadOnly ? "unread=1&" : ""}page=${page + 1}`}>下一页</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
