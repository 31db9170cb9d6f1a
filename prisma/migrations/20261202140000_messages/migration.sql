-- In-app messages (消息中心, issue #19 §2). One row per recipient user. `dedupe_key`
-- makes lazily computed messages (deadline approaching / passed) idempotent: every app
-- instance may try to write them, the unique index keeps one per user and key.
-- `email_status` is the outbox of the optional SMTP delivery: 'pending' rows are sent after
-- the transaction that wrote them commits (SELECT … FOR UPDATE SKIP LOCKED, any instance).
CREATE TABLE "message" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "unit_code" TEXT,
    "edition_id" INTEGER,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),
    "email_status" TEXT,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "message_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "message_user_id_dedupe_key_key" ON "message"("user_id", "dedupe_key");
CREATE INDEX "message_user_id_read_at_idx" ON "message"("user_id", "read_at");
CREATE INDEX "message_email_status_idx" ON "message"("email_status");

-- Optional e-mail address of a user (used only when SMTP_URL is set).
ALTER TABLE "app_user" ADD COLUMN "email" TEXT;

-- Deadline reminders: how many official working days before the deadline units are told.
ALTER TABLE "assessment_period" ADD COLUMN "remind_workdays" INTEGER NOT NULL DEFAULT 3;

-- The leader's workbench shows changes since the previous visit.
ALTER TABLE "app_user" ADD COLUMN "last_workbench_at" TIMESTAMPTZ(3);
