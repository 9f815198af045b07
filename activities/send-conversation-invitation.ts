import { z } from 'zod';
import { conversationInvitationIcs } from '../domain/accountability-ics';
import type { ActivityDeps } from './deps';
import { parseActivityInput } from './parse-input';
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
 * every value in it comes from the workflow, so a retry builds the same file.
 */
export function makeSendConversationInvitation(deps: ActivityDeps) {
  const sendNotification = makeSendNotification(deps);
  return async function sendConversationInvitation(input: SendConversationInvitationInput): Promise<SendNotificationResult> {
    const { invitation, ...notification } = parseActivityInput(sendConversationInvitationInputSchema, input, 'sendConversationInvitation');
    const content = conversationInvitationIcs({
      ...invitation,
      start: new Date(invitation.start),
      timestamp: new Date(invitation.timestamp),
    });
    return sendNotification({ ...notification, icalEvent: { filename: invitation.filename, content } });
  };
}
