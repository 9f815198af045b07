-- The overdue overview by audience (issue 13, reads under load): every open task carries the audience
-- whose overviews show it, so a principal's overview reads the index ranges of the few audiences that
-- name its organisations, and nothing it does not see. Before, it looked up every contract it sees (2,000
-- for a municipality in a region, 11 ms) and tested each candidate task against them.
--
-- An audience is the sorted list of organisations that see a task in the overviews (api/services/
-- overview-queries.ts, domain/access.ts):
-- - a contract's task: the contract's commissioners (contract.commissioners: the commissioners and the
--   municipalities a purchasing body acts for);
-- - a tender's own task (no contract): the tender's lead organisation, its commissioners and the
--   municipalities they act for (as api/services/visibility.ts tenderSeenBySql asks the launch).
-- There are few audiences (one per region and municipality buying alone, in practice), kept in
-- task_audience; task.audience_id names the open task's audience, NULL for a task that is not open or
-- whose contract or tender is not recorded (no overview shows it).
--
-- Kept by triggers in the same transaction as the rows they derive from, whoever writes them (the
-- recordTask, recordContract and recordTender activities, scripts, tests): a task's when it is written
-- (its status, contract or tender change), a contract's open tasks when its commissioners are written, a
-- tender's own open tasks when its lead organisation or launch is written. Deterministic, so a retried
-- write gives the same rows.

CREATE TABLE "task_audience" (
    "id" SERIAL NOT NULL,
    "organisations" TEXT[] NOT NULL,

    CONSTRAINT "task_audience_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "task_audience_organisations_key" ON "task_audience"("organisations");
CREATE INDEX "task_audience_organisations_idx" ON "task_audience" USING GIN ("organisations");

ALTER TABLE "task" ADD COLUMN "audience_id" INTEGER;

-- The organisations as an audience: distinct, sorted bytewise (one spelling per set), NULL when none.
CREATE OR REPLACE FUNCTION "audience_of"(organisations TEXT[]) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT NULLIF(ARRAY(SELECT DISTINCT o COLLATE "C" FROM unnest(organisations) o WHERE o IS NOT NULL ORDER BY 1), '{}')
$$;

-- Who sees a tender: its lead organisation, each commissioner and the municipalities it acts for.
CREATE OR REPLACE FUNCTION "tender_audience"(lead_organisation TEXT, launch JSONB) RETURNS TEXT[] LANGUAGE sql IMMUTABLE AS $$
  SELECT "audience_of"(ARRAY(
    SELECT lead_organisation
    UNION ALL
    SELECT c ->> 'organisation' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(launch -> 'commissioners') = 'array' THEN launch -> 'commissioners' ELSE '[]' END) c
    UNION ALL
    SELECT a FROM jsonb_array_elements(CASE WHEN jsonb_typeof(launch -> 'commissioners') = 'array' THEN launch -> 'commissioners' ELSE '[]' END) c,
                  jsonb_array_elements_text(CASE WHEN jsonb_typeof(c -> 'actsFor') = 'array' THEN c -> 'actsFor' ELSE '[]' END) a
  ))
$$;

-- The id of an audience, added when new (a concurrent writer's is waited for and read).
CREATE OR REPLACE FUNCTION "task_audience_id"(audience TEXT[]) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
  found INTEGER;
BEGIN
  IF audience IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT a."id" INTO found FROM "task_audience" a WHERE a."organisations" = audience;
  IF found IS NULL THEN
    INSERT INTO "task_audience" ("organisations") VALUES (audience) ON CONFLICT ("organisations") DO NOTHING RETURNING "id" INTO found;
    IF found IS NULL THEN
      SELECT a."id" INTO found FROM "task_audience" a WHERE a."organisations" = audience;
    END IF;
  END IF;
  RETURN found;
END
$$;

-- An open task's audience, from its contract (when it has one) or else its tender.
CREATE OR REPLACE FUNCTION "task_set_audience"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" <> 'open' THEN
    NEW."audience_id" := NULL;
  ELSIF NEW."contract_id" IS NOT NULL THEN
    NEW."audience_id" := "task_audience_id"((SELECT "audience_of"(c."commissioners") FROM "contract" c WHERE c."id" = NEW."contract_id"));
  ELSIF NEW."tender_id" IS NOT NULL THEN
    NEW."audience_id" := "task_audience_id"((SELECT "tender_audience"(td."lead_organisation", td."launch") FROM "tender" td WHERE td."id" = NEW."tender_id"));
  ELSE
    NEW."audience_id" := NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION "contract_set_task_audience"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  audience INTEGER := "task_audience_id"("audience_of"(NEW."commissioners"));
BEGIN
  UPDATE "task" t SET "audience_id" = audience
  WHERE t."contract_id" = NEW."id" AND t."status" = 'open' AND t."audience_id" IS DISTINCT FROM audience;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION "tender_set_task_audience"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  audience INTEGER := "task_audience_id"("tender_audience"(NEW."lead_organisation", NEW."launch"));
BEGIN
  UPDATE "task" t SET "audience_id" = audience
  WHERE t."tender_id" = NEW."id" AND t."status" = 'open' AND t."contract_id" IS NULL AND t."audience_id" IS DISTINCT FROM audience;
  RETURN NULL;
END
$$;

-- Backfill: the audiences of today's open tasks, then each open task's (set-based, before the triggers).
INSERT INTO "task_audience" ("organisations")
SELECT DISTINCT "audience_of"(c."commissioners") FROM "contract" c WHERE "audience_of"(c."commissioners") IS NOT NULL
UNION
SELECT DISTINCT "tender_audience"(td."lead_organisation", td."launch") FROM "tender" td WHERE "tender_audience"(td."lead_organisation", td."launch") IS NOT NULL
ON CONFLICT ("organisations") DO NOTHING;

UPDATE "task" t SET "audience_id" = a."id"
FROM "contract" c, "task_audience" a
WHERE t."status" = 'open' AND c."id" = t."contract_id" AND a."organisations" = "audience_of"(c."commissioners");

UPDATE "task" t SET "audience_id" = a."id"
FROM "tender" td, "task_audience" a
WHERE t."status" = 'open' AND t."contract_id" IS NULL AND td."id" = t."tender_id"
  AND a."organisations" = "tender_audience"(td."lead_organisation", td."launch");

CREATE TRIGGER "task_audience" BEFORE INSERT OR UPDATE OF "status", "contract_id", "tender_id" ON "task"
  FOR EACH ROW EXECUTE FUNCTION "task_set_audience"();
CREATE TRIGGER "contract_task_audience" AFTER INSERT OR UPDATE OF "commissioners" ON "contract"
  FOR EACH ROW EXECUTE FUNCTION "contract_set_task_audience"();
CREATE TRIGGER "tender_task_audience" AFTER INSERT OR UPDATE OF "lead_organisation", "launch" ON "tender"
  FOR EACH ROW EXECUTE FUNCTION "tender_set_task_audience"();

-- An audience's open tasks by due date and id (the overview's order: its first rows without a sort), with
-- every column the overview filters and counts by (index-only scans). Partial (open tasks only), declared
-- in raw SQL only like the other task_open_* indexes and listed in test/integration/schema-drift.test.ts
-- RAW_SQL_INDEXES; queries say status = 'open' literally.
CREATE INDEX "task_open_audience_due_date_idx" ON "task"("audience_id", "due_date", "id") INCLUDE ("kind", "commissioner", "provider") WHERE "status" = 'open';

-- A contract's open tasks, for its trigger above.
CREATE INDEX "task_open_contract_idx" ON "task"("contract_id") WHERE "status" = 'open';

-- An organisation's open tasks by due date and id, with the columns a provider's task list shows
-- (api/services/overview-queries.ts providerTasksQuery reads them in order without the task table);
-- replaces the index of the same name of 20261123010000_task_overview (organisation, due_date).
DROP INDEX "task_open_organisation_due_date_idx";
CREATE INDEX "task_open_organisation_due_date_idx" ON "task"("organisation", "due_date", "id") INCLUDE ("kind", "title", "role", "escalated_at", "contract_id") WHERE "status" = 'open';
