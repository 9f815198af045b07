-- Every statement writing a table that the API keeps answers from announces it on the channel
-- regie_changes, with the table's name (db/change-feed.ts, api/read-cache.ts): the API's copies of the
-- overdue overview, a provider's task list and an API token's principal are then read afresh. The
-- notification is sent when the writing transaction commits (none when it rolls back), and one
-- transaction sends each table's name once, however many statements it ran. Per statement, not per row:
-- a seed or backfill of millions of rows sends one.
CREATE OR REPLACE FUNCTION "notify_change"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('regie_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER "task_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "contract_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "contract" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "tender_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "tender" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "task_audience_member_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "task_audience_member" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
CREATE TRIGGER "api_token_notify_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "api_token" FOR EACH STATEMENT EXECUTE FUNCTION "notify_change"();
