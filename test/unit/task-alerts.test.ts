import { nextTaskAlert, planTaskAlerts } from '../../domain/task-alerts';

const base = { taskId: 't1', dueDate: '2027-03-31', reminderDaysBefore: [14, 3] };

describe('planTaskAlerts', () => {
  it('reminds 14 and 3 days before and escalates the morning after the due date', () => {
    const alerts = planTaskAlerts({ ...base, openedAt: new Date('2027-01-01T10:00:00Z') });
    expect(alerts.map((a) => [a.kind, a.at.toISOString()])).toEqual([
      ['reminder', '2027-03-17T07:00:00.000Z'],
      ['reminder', '2027-03-28T07:00:00.000Z'],
      ['escalation', '2027-04-01T07:00:00.000Z'],
    ]);
    expect(alerts.map((a) => a.key)).toEqual([
      't1:reminder-14d:2027-03-31',
      't1:reminder-3d:2027-03-31',
      't1:escalation:2027-03-31',
    ]);
  });

  it('skips reminders already past when the task opens late, and escalates at once when overdue', () => {
    const late = planTaskAlerts({ ...base, openedAt: new Date('2027-03-20T12:00:00Z') });
    expect(late.map((a) => a.key)).toEqual(['t1:reminder-3d:2027-03-31', 't1:escalation:2027-03-31']);
    const overdue = planTaskAlerts({ ...base, openedAt: new Date('2027-04-05T12:00:00Z') });
    expect(overdue).toEqual([{ key: 't1:escalation:2027-03-31', kind: 'escalation', at: new Date('2027-04-05T12:00:00Z') }]);
  });

  it('gives the next unsent alert; a shifted due date gives new keys', () => {
    const openedAt = new Date('2027-01-01T00:00:00Z');
    const sent = new Set(['t1:reminder-14d:2027-03-31']);
    expect(nextTaskAlert({ ...base, openedAt }, sent)?.key).toBe('t1:reminder-3d:2027-03-31');
    expect(nextTaskAlert({ ...base, dueDate: '2027-04-30', openedAt }, sent)?.key).toBe('t1:reminder-14d:2027-04-30');
  });
});
