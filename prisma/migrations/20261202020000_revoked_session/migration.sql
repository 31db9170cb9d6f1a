-- Sessions ended by signing out. A session cookie names its session id (sid); a listed id
-- is refused even though the cookie is still validly signed. A row is kept until every
-- cookie of that session has expired (its absolute lifetime), then deleted.
CREATE TABLE "revoked_session" (
    "sid" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "revoked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "revoked_session_pkey" PRIMARY KEY ("sid")
);

CREATE INDEX "revoked_session_expires_at_idx" ON "revoked_session"("expires_at");
