import { AdminTabs } from "@/components/admin/AdminTabs";
import { CalendarAdmin } from "@/components/admin/CalendarAdmin";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { listCalendarYears } from "@/lib/calendar/store";

export const metadata = { title: "节假日日历" };

export default async function Page() {
  const user = await requirePage("admin:editions", { from: "/admin/calendar" });
  const years = await listCalendarYears();
  return (
    <section>
      <PageTitle title="节假日日历" subtitle="按工作日计算的期限（申诉期、填报提醒、7个工作日公示等）使用国务院放假安排。内置日历尚未收录的年份，请在此录入当年的法定节假日和调休上班日。" />
      <AdminTabs current="calendar" user={user} />
      <CalendarAdmin years={years} />
    </section>
  );
}
