/**
 * What a person's calendar feed shows, read from PostgreSQL: the open tasks of the roles they hold
 * today, and the accountability conversations of those roles or of the providers whose contract
 * contact they are (the conversation is the contract manager's task; the provider's contact attends).
 */
import { CONVERSATION_DURATION_MINUTES } from '../domain/accountability';
import type { FeedConversation, FeedDeadline } from '../domain/calendar-feed';
import { addDaysTo, type IsoDate } from '../domain/dates';
import type { RoleRef } from '../domain/directory';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './client';
import { validOn } from './directory';
import { roleSchema } from '../domain/schemas/glossary';

/** How far back a feed shows conversations: a year of them, so last year's still have their place. */
export const FEED_HISTORY_DAYS = 400;
/** At most this many deadlines per feed (the soonest). */
export const FEED_MAX_DEADLINES = 2000;

/** The roles a person holds on `day`. */
export async function personHoldingsOn(prisma: PrismaClient, personId: string, day: IsoDate): Promise<RoleRef[]> {
  const rows = await prisma.roleAssignment.findMany({ where: { personId, ...validOn(day) }, select: { role: true, organisationId: true } });
  const refs = rows.flatMap((row) => {
    const role = roleSchema.safeParse(row.role);
    return role.success ? [{ role: role.data, organisation: row.organisationId }] : [];
  });
  return refs.filter((r, i) => refs.findIndex((o) => o.role === r.role && o.organisation === r.organisation) === i);
}

const ownedBy = (holdings: readonly RoleRef[]) =>
  Prisma.join(
    holdings.map((h) => Prisma.sql`(t."role" = ${h.role} AND t."organisation" = ${h.organisation})`),
    ' OR ',
  );

interface DeadlineRow {
  id: string;
  title: string;
  role: string;
  organisation: string;
  due_date: string;
  subject: string | null;
}

/** The open tasks of these roles, soonest first, with the title of their contract or tender. */
export async function openDeadlines(prisma: PrismaClient, holdings: readonly RoleRef[]): Promise<FeedDeadline[]> {
  if (holdings.length === 0) return [];
  const rows = await prisma.$queryRaw<DeadlineRow[]>(Prisma.sql`
    SELECT t."id", t."title", t."role", t."organisation", to_char(t."due_date", 'YYYY-MM-DD') AS "due_date",
           COALESCE(td."title" || ', perceel ' || c."lot_title", c."lot_title", tt."title") AS "subject"
    FROM "task" t
    LEFT JOIN "contract" c ON c."id" = t."contract_id"
    LEFT JOIN "tender" td ON td."id" = c."tender_id"
    LEFT JOIN "tender" tt ON tt."id" = t."tender_id"
    WHERE t."status" = 'open' AND (${ownedBy(holdings)})
    ORDER BY t."due_date" ASC, t."id" ASC
    LIMIT ${FEED_MAX_DEADLINES}`);
  return rows.map((row) => ({
    taskId: row.id,
    title: row.title,
    ...(row.subject ? { subject: row.subject } : {}),
    role: roleSchema.parse(row.role),
    organisation: row.organisation,
    dueDate: row.due_date,
  }));
}

interface ConversationRow {
  id: string;
  title: string;
  status: string;
  starts_at: string;
}

/**
 * The accountability conversations planned for these roles (the conversation task's owner) or with a
 * provider whose contract contact the person is, from FEED_HISTORY_DAYS ago on; cancelled ones left out.
 */
export async function plannedConversations(prisma: PrismaClient, holdings: readonly RoleRef[], day: IsoDate): Promise<FeedConversation[]> {
  if (holdings.length === 0) return [];
  const contactOf = holdings.filter((h) => h.role === 'contractContact').map((h) => h.organisation);
  const attends = contactOf.length > 0 ? Prisma.sql`(${ownedBy(holdings)}) OR t."provider" IN (${Prisma.join(contactOf)})` : ownedBy(holdings);
  const rows = await prisma.$queryRaw<ConversationRow[]>(Prisma.sql`
    SELECT t."id", t."title", t."status", e."data"->>'startsAt' AS "starts_at"
    FROM "task" t
    JOIN LATERAL (
      SELECT ev."data" FROM "event" ev
      WHERE ev."workflow_id" = t."workflow_id" AND ev."type" = 'accountability.conversationPlanned' AND ev."data"->>'taskId' = t."id"
      ORDER BY ev."occurred_at" DESC LIMIT 1
    ) e ON e."data"->>'startsAt' IS NOT NULL
    WHERE t."kind" = 'accountabilityConversation' AND t."status" <> 'cancelled'
      AND t."due_date" >= ${addDaysTo(day, -FEED_HISTORY_DAYS)}::date
      AND (${attends})
    ORDER BY t."due_date" ASC, t."id" ASC`);
  return rows.map((row) => ({
    taskId: row.id,
    title: row.title,
    startsAt: new Date(row.starts_at),
    durationMinutes: CONVERSATION_DURATION_MINUTES,
    held: row.status === 'done',
  }));
}
