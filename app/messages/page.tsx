import { MessageList } from "@/components/messages/MessageList";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { listMessages, PAGE_SIZE } from "@/lib/messages";
import { z } from "zod";

export const metadata = { title: "消息中心" };

const ZQuery = z.object({
  unread: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.enum(["1"]).optional().catch(undefined)),
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(10_000).catch(1)).default(1),
});

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("messages:read", { unit: null, from: "/messages" });
  const q = ZQuery.parse(await searchParams);
  const data = await listMessages(user.id, { unreadOnly: q.unread === "1", page: q.page });
  return (
    <section>
      <PageTitle title="消息中心" subtitle="退回修改、重新提交、截止提醒、催报和结果定稿等通知。" />
      <MessageList
        rows={data.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))}
        unread={data.unread}
        unreadOnly={q.unread === "1"}
        page={q.page}
        pages={Math.max(1, Math.ceil(data.total / PAGE_SIZE))}
      />
    </section>
  );
}
