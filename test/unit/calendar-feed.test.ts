import ICAL from 'ical.js';
import { calendarFeedIcs, conversationUid, deadlineUid } from '../../domain/calendar-feed';

const generatedAt = new Date('2027-03-01T08:00:00Z');

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) };
}

describe('calendar feed (RFC 5545)', () => {
  const ics = calendarFeedIcs({
    name: 'regie: J. Jansen',
    generatedAt,
    deadlines: [
      {
        taskId: 'c-zuid:accountabilityReport:p1',
        title: 'Verantwoordingsrapportage Q1',
        subject: 'Sociale Wijkteams Zaanstad 2027, perceel Zaanstad Zuid',
        role: 'contractContact',
        organisation: 'SMD',
        dueDate: '2027-04-15',
        url: 'http://127.0.0.1:3000/taken/c-zuid%3AaccountabilityReport%3Ap1',
      },
    ],
    conversations: [
      { taskId: 'c-zuid:accountabilityConversation:p1', title: 'Verantwoordingsgesprek Q1', startsAt: new Date('2027-05-03T08:00:00Z'), durationMinutes: 90, held: false },
    ],
  });

  it('is a published calendar with its name and one event per deadline and conversation', () => {
    const { calendar, events } = parse(ics);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('regie: J. Jansen');
    expect(calendar.getFirstPropertyValue('x-published-ttl')).toBe('PT1H');
    expect(events).toHaveLength(2);
    expect(ics.split('\r\n').every((line) => line.length <= 75)).toBe(true);
  });

  it('shows a deadline as an all-day event on its due date, free time, with a UID from its task', () => {
    const [deadline] = parse(ics).events;
    expect(deadline!.uid).toBe(deadlineUid('c-zuid:accountabilityReport:p1'));
    expect(deadline!.startDate.isDate).toBe(true);
    expect(deadline!.startDate.toString()).toBe('2027-04-15');
    expect(deadline!.endDate.toString()).toBe('2027-04-16');
    expect(deadline!.summary).toBe('Deadline: Verantwoordingsrapportage Q1');
    expect(deadline!.description).toContain('Taak van contactpersoon opdrachtnemer SMD, uiterlijk 2027-04-15.');
    expect(deadline!.component.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(deadline!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2027-03-01T08:00:00Z');
  });

  it('shows a conversation at its time, in UTC, for its duration', () => {
    const [, conversation] = parse(ics).events;
    expect(conversation!.uid).toBe(conversationUid('c-zuid:accountabilityConversation:p1'));
    expect(conversation!.startDate.toJSDate().toISOString()).toBe('2027-05-03T08:00:00.000Z');
    expect(conversation!.endDate.toJSDate().toISOString()).toBe('2027-05-03T09:30:00.000Z');
    expect(conversation!.summary).toBe('Verantwoordingsgesprek Q1');
  });

  it('keeps the UIDs when the feed is made again later (a calendar updates the event instead of adding one)', () => {
    const again = calendarFeedIcs({
      name: 'regie: J. Jansen',
      generatedAt: new Date('2027-03-02T08:00:00Z'),
      deadlines: [{ taskId: 'c-zuid:accountabilityReport:p1', title: 'Verantwoordingsrapportage Q1', role: 'contractContact', organisation: 'SMD', dueDate: '2027-04-22' }],
      conversations: [],
    });
    const [moved] = parse(again).events;
    expect(moved!.uid).toBe(parse(ics).events[0]!.uid);
    expect(moved!.startDate.toString()).toBe('2027-04-22');
  });

  it('is a valid calendar without events for someone with nothing planned', () => {
    const { calendar, events } = parse(calendarFeedIcs({ name: 'regie: leeg', generatedAt, deadlines: [], conversations: [] }));
    expect(calendar.name).toBe('vcalendar');
    expect(events).toHaveLength(0);
  });
});
