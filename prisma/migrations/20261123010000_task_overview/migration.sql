-- The managers' overdue overview and the provider task list read the task table directly
-- (not Temporal visibility). A manager filters by commissioner, provider and kind across every
-- contract, so both parties are kept on the task row itself (denormalised, so that each filter
-- is one index range): contract tasks carry both, tender tasks the lead organisation as commissioner.

-- AlterTable
ALTER TABLE "task" ADD COLUMN "commissioner" TEXT,
ADD COLUMN "provider" TEXT;

-- Backfill: the parties of the contract, else the lead organisation of the tender.
UPDATE "task" SET "commissioner" = c."commissioner", "provider" = c."provider"
FROM "contract" c
WHERE c."id" = "task"."contract_id";

UPDATE "task" SET "commissioner" = t."lead_organisation"
FROM "tender" t
WHERE "task"."contract_id" IS NULL AND t."id" = "task"."tender_id";

-- Partial indexes over open tasks only (a small share of all tasks over an eight-year term).
-- schema.prisma cannot declare a WHERE clause without a preview feature, so these live here only;
-- test/integration/schema-drift.test.ts lists them in RAW_SQL_INDEXES. Queries must say
-- status = 'open' literally (not as a bind parameter) for the planner to use them.

-- The overview without filters: oldest due date first; kind for the totals (index-only).
CREATE INDEX "task_open_due_date_kind_idx" ON "task"("due_date", "kind") WHERE "status" = 'open';

-- The overview per commissioner, per provider, per kind.
CREATE INDEX "task_open_commissioner_due_date_idx" ON "task"("commissioner", "due_date") WHERE "status" = 'open';
CREATE INDEX "task_open_provider_due_date_idx" ON "task"("provider", "due_date") WHERE "status" = 'open';
CREATE INDEX "task_open_kind_due_date_idx" ON "task"("kind", "due_date") WHERE "status" = 'open';

-- A provider's own open tasks, due soonest first.
CREATE INDEX "task_open_organisation_due_date_idx" ON "task"("organisation", "due_date") WHERE "status" = 'open';
