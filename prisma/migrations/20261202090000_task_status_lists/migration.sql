-- The task lists of every status (api/services/tasks.ts): done and cancelled tasks were found by testing
-- who sees each task of the status in due date order; at 100,000 contracts and 10,000,000 tasks
-- (bench/reads-under-load.ts) a provider with few tasks waited 17.3 s for its done tasks. Now each
-- contract's and tender's tasks of a status are one index range by due date, as the open ones were.
-- They replace the partial task_open_contract_idx and task_open_tender_idx: an equality on status
-- reads the same ranges from these. A contract's tasks of every status (its midterm evidence) had no
-- index at all.
CREATE INDEX "task_contract_id_status_due_date_id_idx" ON "task"("contract_id", "status", "due_date", "id");
CREATE INDEX "task_tender_id_status_due_date_id_idx" ON "task"("tender_id", "status", "due_date", "id");
DROP INDEX "task_open_contract_idx";
DROP INDEX "task_open_tender_idx";
