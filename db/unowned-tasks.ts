/**
 * Open tasks nobody can be told about: their role has no holder today in an organisation the role
 * directory knows (an organisation it does not know still reaches the launch's stakeholders, so its
 * roles are not counted as unowned). What the managers' overview of unowned roles lists.
 */
import type { IsoDate } from '../domain/dates';
import { Prisma } from '../generated/prisma/client';

export interface UnownedTaskRow {
  id: string;
  workflow_id: string;
  kind: string;
  title: string;
  role: string;
  organisation: string;
  due_date: string;
  commissioner: string | null;
  provider: string | null;
  contract_id: string | null;
  lot_id: string | null;
  lot_title: string | null;
  tender_id: string | null;
  tender_title: string | null;
}

/** The unowned open tasks within `scope` (a condition on the task, alias `t`), soonest due first. */
export function unownedTasksQuery(scope: Prisma.Sql, today: IsoDate, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT t."id", t."workflow_id", t."kind", t."title", t."role", t."organisation",
           to_char(t."due_date", 'YYYY-MM-DD') AS "due_date", t."commissioner", t."provider",
           t."contract_id", c."lot_id", c."lot_title",
           COALESCE(t."tender_id", c."tender_id") AS "tender_id", td."title" AS "tender_title"
    FROM "task" t
    JOIN "organisation" o ON o."id" = t."organisation"
    LEFT JOIN "contract" c ON c."id" = t."contract_id"
    LEFT JOIN "tender" td ON td."id" = COALESCE(t."tender_id", c."tender_id")
    WHERE t."status" = 'open' AND ${scope}
      AND NOT EXISTS (
        SELECT 1 FROM "role_assignment" ra
        WHERE ra."organisation_id" = t."organisation" AND ra."role" = t."role"
          AND ra."valid_from" <= ${today}::date AND (ra."valid_until" IS NULL OR ra."valid_until" >= ${today}::date)
      )
    ORDER BY t."due_date" ASC, t."id" ASC
    LIMIT ${limit}`;
}
