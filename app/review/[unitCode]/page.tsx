import { notFound } from "next/navigation";
import { OfficeCalendarSync } from "@/components/review/OfficeCalendarSync";
import { ReviewNav } from "@/components/review/ReviewNav";
import { UnitReviewView } from "@/components/review/UnitReviewView";
import { PageTitle } from "@/components/shell/PageTitle";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { loadOfficeCalendar } from "@/lib/calendar/store";
import { formatWaiting, getUnitReview } from "@/lib/review/queue";

export const metadata = { title: "审核单位" };

export default async function Page({ params }: { params: Promise<{ unitCode: string }> }) {
  const { unitCode } = await params;
  let code = unitCode;
  try {
    code = decodeURIComponent(unitCode);
  } catch {
    notFound();
  }
  const user = await requirePage("review:read", { unit: code, from: `/review/${unitCode}` });
  const now = new Date();
  const [view, calendar] = await Promise.all([getUnitReview(code, now), loadOfficeCalendar()]);
  if (!view) notFound();
  const waiting = view.submission.state === "submitted" && view.submission.submittedAt ? formatWaiting(now.getTime() - new Date(view.submission.submittedAt).getTime()) : null;
  return (
    <section>
      <PageTitle title={`审核：${view.unit.name}`} subtitle={view.editionName} />
      <ReviewNav current={null} />
      <OfficeCalendarSync days={[...calendar.days.values()]} />
      <UnitReviewView view={view} canWrite={can(user.roles, "review:write")} waiting={waiting} />
    </section>
  );
}
