/**
 * A person's secret calendar feeds: made (the URL, with its token, shown once; only the token's hash is
 * kept), listed without secrets, revoked; and the feed itself for a token (db/calendar-feed.ts reads it).
 * Feeds are personal: an API token has none.
 */
import { z } from 'zod';
import { openDeadlines, personHoldingsOn, plannedConversations } from '../../db/calendar-feed';
import type { PrismaClient } from '../../db/client';
import { calendarFeedIcs } from '../../domain/calendar-feed';
import { directoryDay } from '../../domain/directory';
import type { Principal } from '../auth/principal';
import { hashSecretToken, newSecretToken } from '../auth/secret-tokens';
import { forbidden, notFound } from '../errors';

export interface CalendarFeedDeps {
  prisma: PrismaClient;
  /** Where regie is reached (links in the feed and its URL); default http://127.0.0.1:3000. */
  publicUrl?: string;
}

export const calendarFeedSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const newCalendarFeedSchema = calendarFeedSchema.extend({
  url: z.string().describe('The secret address to subscribe to; shown only now'),
});

/** A token in a feed URL: the prefix and 43 base64url characters (newSecretToken). */
export const feedTokenSchema = z.string().regex(/^regie_ics_[A-Za-z0-9_-]{43}$/, 'a calendar feed token');

const baseUrl = (deps: CalendarFeedDeps) => (deps.publicUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

function personOf(principal: Principal): string {
  if (principal.kind !== 'person') throw forbidden('Calendar feeds are personal: sign in as a person to have one');
  return principal.id;
}

const view = (row: { id: string; createdAt: Date; revokedAt: Date | null }) => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

export async function createCalendarFeed(deps: CalendarFeedDeps, principal: Principal): Promise<z.infer<typeof newCalendarFeedSchema>> {
  const personId = personOf(principal);
  const token = newSecretToken('regie_ics');
  const row = await deps.prisma.calendarFeed.create({ data: { personId, tokenHash: hashSecretToken(token) } });
  return { ...view(row), url: `${baseUrl(deps)}/calendar/${token}.ics` };
}

export async function listCalendarFeeds(deps: CalendarFeedDeps, principal: Principal): Promise<z.infer<typeof calendarFeedSchema>[]> {
  const rows = await deps.prisma.calendarFeed.findMany({ where: { personId: personOf(principal) }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }] });
  return rows.map(view);
}

/** Revokes one of the person's own feeds (another person's is 404, as a missing one); revoking twice keeps the first time. */
export async function revokeCalendarFeed(deps: CalendarFeedDeps, principal: Principal, { feedId }: { feedId: string }): Promise<z.infer<typeof calendarFeedSchema>> {
  const personId = personOf(principal);
  const row = await deps.prisma.calendarFeed.findFirst({ where: { id: feedId, personId } });
  if (!row) throw notFound(`No calendar feed ${feedId}`);
  if (row.revokedAt) return view(row);
  return view(await deps.prisma.calendarFeed.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
}

/** The feed of a token (text/calendar), or 404 when the token is unknown or revoked. */
export async function calendarFeedOfToken(deps: CalendarFeedDeps, token: string, now = new Date()): Promise<string> {
  const feed = await deps.prisma.calendarFeed.findUnique({ where: { tokenHash: hashSecretToken(token) }, include: { person: true } });
  if (!feed || feed.revokedAt) throw notFound('No such calendar feed');
  const day = directoryDay(now);
  const holdings = await personHoldingsOn(deps.prisma, feed.personId, day);
  const [deadlines, conversations] = await Promise.all([openDeadlines(deps.prisma, holdings), plannedConversations(deps.prisma, holdings, day)]);
  const link = (taskId: string) => `${baseUrl(deps)}/taken/${encodeURIComponent(taskId)}`;
  return calendarFeedIcs({
    name: `regie: ${feed.person.name ?? feed.person.email}`,
    deadlines: deadlines.map((d) => ({ ...d, url: link(d.taskId) })),
    conversations: conversations.map((c) => ({ ...c, url: link(c.taskId) })),
    generatedAt: now,
  });
}
