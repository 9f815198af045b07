/**
 * The recording activities against a real (migrated) database: a retried activity (same ids) writes each
 * audit row once and keeps the first one's content, and the rows written before the retry stay as they
 * were. The audit row is one `INSERT … ON CONFLICT DO NOTHING` (activities/event-row.ts).
 */
import { randomUUID } from 'node:crypto';
import { buildKpiSeries } from '../../domain/kpi-series';
import { useRecordingActivities } from '../helpers/recording-activities';

const recording = useRecordingActivities();

const manager = { role: 'manager' as const, organisation: 'Gemeente Zaanstad', name: 'M. Manager' };
const event = (workflowId: string, type: string, id = randomUUID()) => ({
  id,
  workflowId,
  type,
  actor: manager,
  data: { type },
  occurredAt: new Date().toISOString(),
});

describe('recordEvent', () => {
  it('writes an audit row once: a retry with the same id changes nothing', async () => {
    const workflowId = `wf-${randomUUID()}`;
    const first = event(workflowId, 'contract.started');
    await recording.activities.recordEvent(first);
    await recording.activities.recordEvent({ ...first, type: 'contract.changedOnRetry', data: { retried: true } });
    const rows = await recording.db.prisma.event.findMany({ where: { workflowId } });
    expect(rows).toEqual([expect.objectContaining({ id: first.id, type: 'contract.started', data: { type: 'contract.started' }, actorName: 'M. Manager' })]);
  });
});

describe('recordTask', () => {
  const task = (workflowId: string, id: string) => ({
    id,
    workflowId,
    contractId: 'c-record',
    kind: 'accountabilityReport',
    title: 'Verantwoording Q1',
    role: 'contractContact' as const,
    organisation: 'Zorg BV',
    commissioner: 'Gemeente Zaanstad',
    provider: 'Zorg BV',
    dueDate: '2027-04-01',
    status: 'open' as const,
    openedAt: new Date().toISOString(),
  });

  it('writes the task and its event together; a retry writes the event once and the task as last recorded', async () => {
    const workflowId = `wf-${randomUUID()}`;
    const opened = task(workflowId, randomUUID());
    const openedEvent = event(workflowId, 'task.opened');
    await recording.activities.recordTask({ task: opened, event: openedEvent });
    await recording.activities.recordTask({ task: opened, event: openedEvent });

    const done = { ...opened, status: 'done' as const, completion: { at: new Date().toISOString(), by: { role: 'contractContact' as const, organisation: 'Zorg BV', name: 'D. Contact' }, outcome: 'Aangeleverd' } };
    const doneEvent = event(workflowId, 'task.completed');
    await recording.activities.recordTask({ task: done, event: doneEvent });
    await recording.activities.recordTask({ task: done, event: doneEvent });

    expect(await recording.db.prisma.task.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ status: 'done', outcome: 'Aangeleverd', completedByName: 'D. Contact', commissioner: 'Gemeente Zaanstad' });
    const events = await recording.db.prisma.event.findMany({ where: { workflowId }, orderBy: { type: 'asc' } });
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [doneEvent.id, 'task.completed'],
      [openedEvent.id, 'task.opened'],
    ]);
  });

  it('writes neither the task nor its event when one of them cannot be written', async () => {
    const workflowId = `wf-${randomUUID()}`;
    const opened = task(workflowId, randomUUID());
    // An audit row whose data PostgreSQL refuses (a NUL character cannot be stored in jsonb): the transaction rolls back.
    await expect(recording.activities.recordTask({ task: opened, event: { ...event(workflowId, 'task.opened'), data: { text: 'a\u0000b' } } })).rejects.toThrow();
    expect(await recording.db.prisma.task.findUnique({ where: { id: opened.id } })).toBeNull();
    expect(await recording.db.prisma.event.count({ where: { workflowId } })).toBe(0);
  });
});

describe('recordAccountabilityOutcome', () => {
  it('reads an outcome exactly as recordAccountabilityOutcome stores it', async () => {
    await recording.activities.recordAccountabilityOutcome({
      eventId: 'contract-1-accountability-p3:outcome',
      workflowId: 'contract-1-accountability-p3',
      contractId: 'contract-1',
      period: { index: 3, from: '2026-08-24', to: '2026-11-22' },
      by: { role: 'contractManager', organisation: 'Gemeente Zaanstad' },
      outcome: {
        figures: [{ kpi: 'Bereik', value: 412 }],
        narratives: [{ kpi: 'Ervaren regie', text: 'Inwoners houden zelf de regie sinds de wijkteams vaste gezichten hebben.' }],
        story: 'Het bereik steeg door de inloop in het buurthuis.',
        agreements: ['DOCK levert vanaf volgend kwartaal de doorlooptijd'],
        followUps: [{ title: 'Doorlooptijd meten', ownerRole: 'teamLead', ownerOrganisation: 'DOCK', dueDate: '2027-01-22' }],
      },
      missingFigures: ['Doorlooptijd'],
      followUpTaskIds: ['contract-1:accountabilityFollowUp:p3:1'],
      recordedAt: '2026-12-13T14:21:48.098Z',
    });
    const row = await recording.db.prisma.event.findUniqueOrThrow({ where: { id: 'contract-1-accountability-p3:outcome' } });
    const { series, unreadable } = buildKpiSeries([{ eventId: row.id, occurredAt: row.occurredAt.toISOString(), data: row.data }]);
    expect(unreadable).toEqual([]);
    const period = { index: 3, from: '2026-08-24', to: '2026-11-22', eventId: 'contract-1-accountability-p3:outcome', recordedAt: '2026-12-13T14:21:48.098Z' };
    expect(series).toEqual([
      { kpi: 'Bereik', measurable: true, points: [{ period, status: 'figure', value: 412 }], stats: { figures: 1, missing: 0, first: 412, last: 412, min: 412, max: 412 } },
      { kpi: 'Doorlooptijd', measurable: true, points: [{ period, status: 'missing' }], stats: { figures: 0, missing: 1 } },
      { kpi: 'Ervaren regie', measurable: false, points: [{ period, status: 'narrative', narrative: 'Inwoners houden zelf de regie sinds de wijkteams vaste gezichten hebben.' }] },
    ]);
  });
});
