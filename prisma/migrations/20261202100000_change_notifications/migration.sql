-- Every statement writing a table that the API keeps answers from announces it on the channel
-- regie_changes (db/change-feed.ts, api/read-cache.ts): the API's copies of the overdue overview, a
-- provider's task list and an API token's principal are then read afresh. The notification is sent when
-- the writing transaction commits (none when it rolls back); one transaction sends each distinct payload
-- once, however many statements sent it. Per statement, not per row.
--
-- The payload is the table's name, and for `task` the audiences and owning organisations of the rows
-- written, before and after ("task|a:12|o:DOCK"): a task write then refreshes only the overviews of its
-- audiences and its owner's task list, not every kept answer. A statement writing so many tasks that
-- their list would not fit a notification (8,000 bytes; a seed, a backfill) sends the bare "task":
-- every kept answer that read tasks is read afresh.
CREATE OR REPLACE FUNCTION "notify_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('regie_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- The task rows of the statement, before and after, from its transition tables.
CREATE OR REPLACE FUNCTION "notify_task_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  parts TEXT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT string_agg(DISTINCT p, '|') INTO parts FROM (
      SELECT 'a:' || r."audience_id" AS p FROM new_rows r WHERE r."audience_id" IS NOT NULL
      UNION ALL SELECT 'o:' || r."organisation" FROM new_rows r
    ) x;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT string_agg(DISTINCT p, '|') INTO parts FROM (
      SELECT 'a:' || r."audience_id" AS p FROM new_rows r WHERE r."audience_id" IS NOT NULL
      UNION ALL SELECT 'o:' || r."organisation" FROM new_rows r
      UNION ALL SELECT 'a:' || r."audience_id" FROM old_rows r WHERE r."audience_id" IS NOT NULL
      UNION ALL SELECT 'o:' || r."organisation" FROM old_rows r
    ) x;
  ELSE
    SELECT string_agg(DISTINCT p, '|') INTO parts FROM (
      SELECT 'a:' || r."audience_id" AS p FROM old_rows r WHERE r."audience_id" IS NOT NULL
      UNION ALL SELECT 'o:' || r."organisation" FROM old_rows r
    ) x;
  END IF;
  IF parts IS NULL THEN
    RETURN NULL; -- no row written
  END IF;
  PERFORM pg_notify('regie_changes', CASE WHEN octet_length(parts) < 7000 THEN 'task|' || parts ELSE 'task' END);
  RETURN NULL;
END
$$;

-- Transition tables need one trigger per event.
CREATE TRIGGER "task_insert_notify_change" AFTER INSERT ON "task" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "notify_task_change"();
CREATE TRIGGER "task_update_notify_change" AFTER UPDATE ON "task" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "notify_task_change"();
CREATE TRIGGER "task_delete_notify_change" AFTER DELETE ON "task" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "notify_task_change"();
CREATE TRIGGER "task_truncate_notify_change" AFTER TRUNCATE ON "task" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "contract_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contract" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "tender_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tender" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "task_audience_member_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_audience_member" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "api_token_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_token" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
