-- Notifications that failed for good (status 'undeliverable': the mail server's 5xx, an invalid or
-- refused address) are listed for managers at GET /overview/failed-notifications, newest first.
-- A partial index: they are a tiny share of all notifications. schema.prisma cannot declare the WHERE
-- clause, so it lives here and in RAW_SQL_INDEXES of test/integration/schema-drift.test.ts.
CREATE INDEX "notification_undeliverable_claimed_at_idx" ON "notification"("claimed_at") WHERE "status" = 'undeliverable';
