/**
 * The invitation to an accountability conversation goes to whoever holds the contract manager's and
 * the provider contact's roles on the day it is sent: its To header and its .ics (organiser and
 * attendees, parsed with ical.js), over real SMTP. A provider the directory does not know keeps the
 * address from the launch.
 */
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { makeSendConversationInvitation, type SendConversationInvitationInput } from '../../activities/send-conversation-invitation';
import { startMailCapture, type MailCapture } from '../../mail/capture-server';
import { createMailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { personWithRoles } from '../helpers/sessions';

const ZAANSTAD = 'Gemeente Zaanstad';
const SMD = 'SMD';

let db: TestDatabase;
let capture: MailCapture;

beforeAll(async () => {
  db = await createTestDatabase();
  capture = await startMailCapture({ port: 0 });
  // The launch's contract manager has left; Zaanstad's role is now held by another, SMD's contact by the launch's.
  await personWithRoles(db.prisma, 'vertrokken@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD, validUntil: '2020-12-31' }]);
  await personWithRoles(db.prisma, 'nieuw@zaanstad.example', [{ role: 'contractManager', organisation: ZAANSTAD, validFrom: '2021-01-01' }], { name: 'N. Nieuw' });
  await personWithRoles(db.prisma, 'contact@smd.example', [{ role: 'contractContact', organisation: SMD, kind: 'provider' }], { name: 'C. Contact' });
});

afterAll(async () => {
  await capture?.stop();
  await db?.drop();
});

function invitation(provider: string, contactAddress: string): SendConversationInvitationInput {
  return {
    idempotencyKey: `c-zuid:accountabilityConversation:p1:invitation:${randomUUID()}`,
    workflowId: 'accountability-c-zuid-1',
    taskId: 'c-zuid:accountabilityConversation:p1',
    kind: 'task-assigned',
    to: [contactAddress, 'vertrokken@zaanstad.example'],
    addressedTo: [
      { role: 'contractManager', organisation: ZAANSTAD, stakeholderAddresses: ['vertrokken@zaanstad.example'] },
      { role: 'contractContact', organisation: provider, stakeholderAddresses: [contactAddress] },
    ],
    subject: 'Uitnodiging verantwoordingsgesprek',
    text: 'U bent uitgenodigd.',
    invitation: {
      uid: 'c-zuid:accountabilityConversation:p1@regie',
      title: 'Verantwoordingsgesprek Zaanstad Zuid, periode 1',
      start: '2027-05-03T08:00:00.000Z',
      durationMinutes: 90,
      organiser: { name: 'contractmanager Gemeente Zaanstad', email: 'vertrokken@zaanstad.example' },
      attendees: [
        { email: contactAddress, name: 'contactpersoon opdrachtnemer' },
        { email: 'vertrokken@zaanstad.example', name: 'V. Vertrokken' },
      ],
      description: 'U bent uitgenodigd.',
      timestamp: '2027-04-01T07:00:00.000Z',
    },
  };
}

async function send(input: SendConversationInvitationInput) {
  const before = capture.messages().length;
  await makeSendConversationInvitation({ prisma: db.prisma, mailer: createMailer({ smtpUrl: capture.url }) })(input);
  const [mail] = capture.messages().slice(before);
  const ics = mail!.attachments.find((a) => a.contentType.startsWith('text/calendar'))!;
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics.content)).getFirstSubcomponent('vevent')!);
  const address = (value: unknown) => String(value).replace(/^mailto:/i, '');
  return {
    mail: mail!,
    organiser: address(event.component.getFirstPropertyValue('organizer')),
    attendees: event.attendees.map((a) => ({ email: address(a.getFirstValue()), name: a.getParameter('cn') })),
  };
}

it("invites today's contract manager and the provider's contact, with the new holder as organiser and the directory's names", async () => {
  const { mail, organiser, attendees } = await send(invitation(SMD, 'contact@smd.example'));
  expect(mail.envelope.to).toEqual(['nieuw@zaanstad.example', 'contact@smd.example']);
  expect(organiser).toBe('nieuw@zaanstad.example');
  expect(attendees).toEqual([
    { email: 'nieuw@zaanstad.example', name: 'N. Nieuw' },
    { email: 'contact@smd.example', name: 'C. Contact' },
  ]);
});

it('a provider the directory does not know is invited at the address from the launch', async () => {
  const { mail, attendees } = await send(invitation('Aanbieder Onbekend', 'contract@onbekend.example'));
  expect(mail.envelope.to).toEqual(['nieuw@zaanstad.example', 'contract@onbekend.example']);
  expect(attendees.map((a) => a.email)).toEqual(['nieuw@zaanstad.example', 'contract@onbekend.example']);
  expect(attendees[1]!.name).toBe('contactpersoon opdrachtnemer');
});
