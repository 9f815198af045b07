/**
 * The calendar invitation (.ics, RFC 5545) of an accountability conversation, built with the npm
 * package `ics`. NOT for workflow code: `ics` always draws a default UID from nanoid, which calls
 * crypto.getRandomValues, absent in Temporal's workflow sandbox (the workflow task fails with
 * "crypto is not defined"). The invitation activity builds it; the workflow passes every value
 * (uid, times, timestamp) so that the file is the same on every retry.
 */
import { createEvent, type EventAttributes } from 'ics';

export interface IcsPerson {
  name?: string;
  email: string;
}

export interface ConversationInvitationIcsInput {
  /** Stable per conversation, so a resent or updated invitation replaces the first in calendars. */
  uid: string;
  title: string;
  start: Date;
  durationMinutes: number;
  organiser: IcsPerson;
  attendees: IcsPerson[];
  description: string;
  /** DTSTAMP: when the invitation was made (workflow time). */
  timestamp: Date;
  location?: string;
  /** Raised when an invitation is changed (RFC 5545 SEQUENCE). */
  sequence?: number;
}

/** A METHOD:REQUEST calendar with one VEVENT in UTC; every attendee is asked to respond. */
export function conversationInvitationIcs(input: ConversationInvitationIcsInput): string {
  const attributes: EventAttributes & { timestamp: number } = {
    productId: 'regie/accountability',
    method: 'REQUEST',
    uid: input.uid,
    sequence: input.sequence ?? 0,
    title: input.title,
    description: input.description,
    ...(input.location ? { location: input.location } : {}),
    start: input.start.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: input.durationMinutes },
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: { ...(input.organiser.name ? { name: input.organiser.name } : {}), email: input.organiser.email },
    attendees: input.attendees.map((a) => ({
      ...(a.name ? { name: a.name } : {}),
      email: a.email,
      rsvp: true,
      partstat: 'NEEDS-ACTION' as const,
      role: 'REQ-PARTICIPANT' as const,
    })),
    timestamp: input.timestamp.getTime(),
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error('ics produced no calendar');
  return value;
}
