-- 节假日日历 (lib/workdays.ts, lib/calendar/store.ts): the office enters a year's 法定节假日
-- and 调休上班日 when the chinese-days library has no data for it yet; the table wins over
-- the library where both have a date.
CREATE TYPE "OfficeCalendarKind" AS ENUM ('holiday', 'workday');

CREATE TABLE "office_calendar_day" (
    "date" DATE NOT NULL,
    "kind" "OfficeCalendarKind" NOT NULL,
    "name" TEXT,
    "updated_by_id" INTEGER,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "office_calendar_day_pkey" PRIMARY KEY ("date")
);
