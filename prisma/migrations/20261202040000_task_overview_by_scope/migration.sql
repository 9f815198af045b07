-- The overdue overview is read by commissioner staff over what they see (api/services/overview-queries.ts):
-- the contracts made for their organisations and the tenders they lead or commission. At 100,000 contracts
-- and 10,000,000 tasks (issue 13, bench/reads-under-load.ts), walking every overdue task in due date order
-- and testing each for visibility reads the country's 200,000 overdue tasks for the totals of one
-- municipality. These indexes let the overview start from the principal's contracts and tenders instead:
-- per contract (or tender) its open tasks by due date, with every column the overview filters and counts
-- by included, so the candidates come from the index alone (index-only scans) and only the rows shown
-- are read from the table.
--
-- Partial (open tasks only, a few percent of all): declared in raw SQL only, like those of
-- 20261123010000_task_overview, and listed in test/integration/schema-drift.test.ts RAW_SQL_INDEXES.
-- Queries must say status = 'open' literally for the planner to use them.

-- A contract's open tasks (the overview over the contracts made for an organisation).
CREATE INDEX "task_open_contract_due_date_idx" ON "task"("contract_id", "due_date") INCLUDE ("id", "kind", "commissioner", "provider") WHERE "status" = 'open';

-- A tender's open tasks (the overview over the tenders an organisation leads or commissions); contract_id
-- included to leave out tasks already counted through their contract.
CREATE INDEX "task_open_tender_due_date_idx" ON "task"("tender_id", "due_date") INCLUDE ("id", "kind", "commissioner", "provider", "contract_id") WHERE "status" = 'open';

-- The tenders an organisation sees (api/services/visibility.ts tenderSeenBySql): those it leads, and
-- those whose launch names it as a commissioner or a municipality a commissioner acts for, asked as
-- containment of the launch (@>), which a GIN index with jsonb_path_ops answers. Declared in schema.prisma.
CREATE INDEX "tender_lead_organisation_idx" ON "tender"("lead_organisation");
CREATE INDEX "tender_launch_idx" ON "tender" USING GIN ("launch" jsonb_path_ops);
