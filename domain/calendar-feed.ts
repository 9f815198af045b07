/**
 * A person's calendar feed (iCalendar, RFC 5545), built with the npm package `ics`: the deadlines of
 * the open tasks of the roles they hold, as all-day events on the due date, and the accountability
 * conversations they take part in, at their planned time. Every event's UID is derived from its task,
 * so a calendar that refreshes the feed updates an event (a shifted due date) instead of adding one.
 */
import { createEvents, type EventAttributes } from 'ics';
import { addDaysTo, type IsoDate } from './dates';
import { roleLabels, type Role } from './glossary';

export interface FeedDeadline {
  taskId: string;
  title: string;
  /** The tender or contract the task belongs to, when known. */
  subject?: string;
  role: Role;
  organisation: string;
  dueDate: IsoDate;
  /** A link to the task in regie. */
  url?: string;
}

export interface FeedConversation {
  taskId: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  /** done: held and its outcome recorded. */
  held: boolean;
  url?: string;
}

export interface CalendarFeedInput {
  /** The calendar's name in the subscriber's list. */
  name: string;
  deadlines: readonly FeedDeadline[];
  conversations: readonly FeedConversation[];
  /** DTSTAMP of every event: when the feed was made. */
  generatedAt: Date;
}

export const deadlineUid = (taskId: string) => `deadline-${taskId}@regie`;
export const conversationUid = (taskId: string) => `conversation-${taskId}@regie`;

/** `ics` takes DTSTAMP as `timestamp`, missing from its typings (as in domain/accountability-ics.ts). */
type FeedEvent = EventAttributes & { timestamp: number };

const dateArray = (date: IsoDate): [number, number, number] => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return [year, month, day];
};

function deadlineEvent(deadline: FeedDeadline, stamp: number): FeedEvent {
  const owner = `${roleLabels[deadline.role]} ${deadline.organisation}`;
  return {
    uid: deadlineUid(deadline.taskId),
    title: `Deadline: ${deadline.title}`,
    description: [deadline.subject, `Taak van ${owner}, uiterlijk ${deadline.dueDate}.`, deadline.url].filter(Boolean).join('\n'),
    start: dateArray(deadline.dueDate),
    end: dateArray(addDaysTo(deadline.dueDate, 1)),
    transp: 'TRANSPARENT',
    busyStatus: 'FREE',
    categories: ['regie', 'deadline'],
    ...(deadline.url ? { url: deadline.url } : {}),
    timestamp: stamp,
  };
}

function conversationEvent(conversation: FeedConversation, stamp: number): FeedEvent {
  return {
    uid: conversationUid(conversation.taskId),
    title: conversation.title,
    description: [conversation.held ? 'Gehouden; de uitkomst is vastgelegd.' : 'Verantwoordingsgesprek.', conversation.url].filter(Boolean).join('\n'),
    start: conversation.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: conversation.durationMinutes },
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    categories: ['regie', 'verantwoordingsgesprek'],
    ...(conversation.url ? { url: conversation.url } : {}),
    timestamp: stamp,
  };
}

/**
 * The feed as text/calendar (METHOD:PUBLISH, and `ics`'s X-PUBLISHED-TTL:PT1H: calendars fetch it again
 * hourly); an empty feed is a valid calendar without events.
 */
export function calendarFeedIcs(input: CalendarFeedInput): string {
  const stamp = input.generatedAt.getTime();
  const events = [...input.deadlines.map((d) => deadlineEvent(d, stamp)), ...input.conversations.map((c) => conversationEvent(c, stamp))];
  const { error, value } = createEvents(events, { productId: 'regie/calendar-feed', method: 'PUBLISH', calName: input.name });
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}
