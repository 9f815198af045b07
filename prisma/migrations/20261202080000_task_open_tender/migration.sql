-- The open tasks of a tender, those on its contracts included, for the task list "my tasks"
-- (api/services/tasks.ts, visibleOpenTaskIdsSql): a principal sees the tasks of the tenders it leads or
-- commissions. Without it that branch of the list walked every open task in due date order (at 100,000
-- contracts and 10,000,000 tasks, bench/reads-under-load.ts: 3.3 s for a provider with few tasks). By due
-- date, so each tender's first tasks come from the index alone.
-- Partial (open tasks only): declared in raw SQL only, listed in test/integration/schema-drift.test.ts RAW_SQL_INDEXES.
CREATE INDEX "task_open_tender_idx" ON "task"("tender_id", "due_date", "id") WHERE "status" = 'open';
