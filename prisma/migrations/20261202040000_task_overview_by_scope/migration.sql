-- The overdue overview is read by commissioner staff over what they see (api/services/overview-queries.ts):
-- the contracts made for their organisations and the tenders they lead or commission. At 100,000 contracts
-- and 10,000,000 tasks (issue 13, bench/reads-under-load.ts), walking every overdue task in due date order
-- and testing each for visibility reads the country's 200,000 overdue tasks for the totals of one
-- municipality. These indexes let the overview start from what the principal sees instead, and find its
-- candidates from the index alone (index-only scans: every column the overview filters and counts by is
-- included), reading from the table only the rows it shows.
--
-- Partial (open tasks only, a few percent of all): declared in raw SQL only, like those of
-- 20261123010000_task_overview, and listed in test/integration/schema-drift.test.ts RAW_SQL_INDEXES.
-- Queries must say status = 'open' (and contract_id IS NULL) literally for the planner to use them.

-- The open tasks of the contracts of one commissioner (the municipality, its region) by due date, with the
-- contract to check against those the principal sees; replaces the index of the same name without INCLUDE.
DROP INDEX "task_open_commissioner_due_date_idx";
CREATE INDEX "task_open_commissioner_due_date_idx" ON "task"("commissioner", "due_date") INCLUDE ("id", "kind", "provider", "contract_id") WHERE "status" = 'open';

-- A tender's own open tasks (procurement steps, no contract) by due date.
CREATE INDEX "task_open_tender_due_date_idx" ON "task"("tender_id", "due_date") INCLUDE ("id", "kind", "commissioner", "provider") WHERE "status" = 'open' AND "contract_id" IS NULL;

-- The tenders an organisation sees (api/services/visibility.ts tenderSeenBySql): those it leads, and
-- those whose launch names it as a commissioner or a municipality a commissioner acts for, asked as
-- containment of the launch (@>), which a GIN index with jsonb_path_ops answers. Declared in schema.prisma.
CREATE INDEX "tender_lead_organisation_idx" ON "tender"("lead_organisation");
CREATE INDEX "tender_launch_idx" ON "tender" USING GIN ("launch" jsonb_path_ops);
