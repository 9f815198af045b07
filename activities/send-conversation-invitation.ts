import { z } from 'zod';
import { conversationInvitationIcs } from '../domain/accountability-ics';
import { directoryDay } from '../domain/directory';
import { roleLabels } from '../domain/glossary';
import type { ActivityDeps } from './deps';
import { parseActivityInput } from './parse-input';
import { resolveRecipients } from './role-holders';
import { makeSendNotification, type SendNotificationResult } from './send-notification';
import { notificationInputSchema } from './schemas/notification';

const person = z.object({ name: z.string().min(1).optional(), email: z.email() });

export const sendConversationInvitationInputSchema = notificationInputSchema.omit({ icalEvent: true }).extend({
  invitation: z.object({
    uid: z.string().min(1),
    title: z.string().min(1),
    start: z.iso.datetime({ offset: true }),
    durationMinutes: z.number().int().positive(),
    organiser: person,
    attendees: z.array(person).min(1),
    description: z.string(),
    timestamp: z.iso.datetime({ offset: true }),
    filename: z.string().min(1).default('verantwoordingsgesprek.ics'),
  }),
});
export type SendConversationInvitationInput = z.input<typeof sendConversationInvitationInputSchema>;

/**
 * The invitation to an accountability conversation: an email with the .ics attached (METHOD:REQUEST),
 * sent at most once per idempotency key by sendNotification. The .ics is built here and not in the
 * workflow because the `ics` package draws random ids with crypto (see domain/accountability-ics.ts);
 * every value in it comes from the workflow, so a retry builds the same file. With `addressedTo`, the
 * attendees are whoever holds those roles on the day it is sent (the organiser: the first role's holder).
 */
export function makeSendConversationInvitation(deps: ActivityDeps) {
  const sendNotification = makeSendNotification(deps);
  return async function sendConversationInvitation(input: SendConversationInvitationInput): Promise<SendNotificationResult> {
    const parsed = parseActivityInput(sendConversationInvitationInputSchema, input, 'sendConversationInvitation');
    const { invitation, ...notification } = await withRoleHolders(parsed);
    const content = conversationInvitationIcs({
      ...invitation,
      start: new Date(invitation.start),
      timestamp: new Date(invitation.timestamp),
    });
    return sendNotification({ ...notification, icalEvent: { filename: invitation.filename, content } });
  };

  /** The invitation to the addressed roles' holders today; unchanged when none hold them (sendNotification then refuses it). */
  async function withRoleHolders(input: ParsedInvitation): Promise<ParsedInvitation> {
    if (!input.addressedTo) return input;
    const resolved = await resolveRecipients(deps.prisma, input.addressedTo, input.to, directoryDay(new Date()));
    if (resolved.to.length === 0) return input;
    const named = new Map(input.invitation.attendees.map((a) => [a.email.toLowerCase(), a.name]));
    const attendees = resolved.perRole.flatMap(({ role, recipients }) =>
      recipients.map((holder) => ({
        email: holder.email.toLowerCase(),
        name: holder.name ?? named.get(holder.email.toLowerCase()) ?? `${roleLabels[role.role]} ${role.organisation}`,
      })),
    );
    const unique = attendees.filter((a, i) => attendees.findIndex((b) => b.email === a.email) === i);
    const { addressedTo: _resolved, ...rest } = input;
    return { ...rest, to: resolved.to, invitation: { ...input.invitation, organiser: { ...input.invitation.organiser, email: unique[0]!.email }, attendees: unique } };
  }
}

type ParsedInvitation = z.output<typeof sendConversationInvitationInputSchema>;
