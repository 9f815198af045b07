-- Failures the workflows recorded instead of failing (a notification refused for good, a record that
-- does not exist, background work that failed) are listed for managers at GET /overview/failures,
-- newest first. A partial index: they are a tiny share of all events. schema.prisma cannot declare the
-- WHERE clause, so it lives here and in RAW_SQL_INDEXES of test/integration/schema-drift.test.ts.
-- The overview's query names the same types literally, so the planner can use it.
CREATE INDEX "event_failure_occurred_at_idx" ON "event"("occurred_at" DESC) WHERE "type" IN ('notification.failed', 'record.failed', 'workflow.backgroundFailed');
