-- The audiences an organisation belongs to, one row per organisation and audience, so the overdue overview
-- finds its audiences by the primary key's index (organisation first) rather than by testing every
-- audience's organisations (task_audience was read whole: the planner prefers that to its GIN index while
-- there are a few hundred). Written with the audience, in the same statement that adds it
-- (task_audience_id below); an audience never changes, so neither do its rows here.

CREATE TABLE "task_audience_member" (
    "organisation" TEXT NOT NULL,
    "audience_id" INTEGER NOT NULL,

    CONSTRAINT "task_audience_member_pkey" PRIMARY KEY ("organisation", "audience_id")
);

INSERT INTO "task_audience_member" ("organisation", "audience_id")
SELECT DISTINCT o, a."id" FROM "task_audience" a, unnest(a."organisations") o;

-- As in 20261202060000_task_overview_audience, and a new audience's members with it.
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
    ELSE
      INSERT INTO "task_audience_member" ("organisation", "audience_id") SELECT DISTINCT o, found FROM unnest(audience) o;
    END IF;
  END IF;
  RETURN found;
END
$$;

-- No longer read: the members above answer which audiences name an organisation.
DROP INDEX "task_audience_organisations_idx";
