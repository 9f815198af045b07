/**
 * What regie's three most frequent activities cost on their own, without Temporal: recordEvent,
 * recordTask (a task opened, then completed) and sendNotification (to the holders of a role in the
 * directory, through the pooled SMTP transport to the mail capture), called one after the other as a
 * workflow awaits them, against a fresh migrated database. The lifecycle benchmark (bench/lifecycle.ts)
 * prints each activity type's real time as the time-skipping server sees it: the difference is
 * Temporal's dispatch, which its no-op baseline pays too. Prints p50/mean per call.
 *
 *   DATABASE_URL=postgresql://regie:regie@127.0.0.1:5432/regie npx tsx bench/activity-costs.ts
 *
 * BENCH_CALLS (300) calls of each after 30 warm-up calls. A benchmark, not a test.
 */
import { performance } from 'node:perf_hooks';
import { createActivities } from '../activities';
import { toIsoDate } from '../domain/dates';
import { startMailCapture } from '../mail/capture-server';
import { createMailer } from '../mail/transport';
import { createTestDatabase } from '../test/helpers/database';

const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 30;
const ORGANISATION = 'Gemeente Zaanstad';
const summary: string[] = [];

async function timed(name: string, call: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await call(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await call(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  console.log(`${name.padEnd(44)} ${CALLS} calls: p50 ${times[Math.floor(times.length / 2)]!.toFixed(2)} ms, mean ${mean.toFixed(2)} ms`);
  summary.push(`${name}, mean per call: ${mean.toFixed(2)} ms   baseline: —`);
}

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const mail = await startMailCapture();
  const mailer = createMailer({ smtpUrl: mail.url });
  try {
    const { prisma } = db;
    const person = await prisma.person.create({ data: { email: 'contractmanager@zaanstad.nl', name: 'C. Manager' } });
    await prisma.organisation.create({ data: { id: ORGANISATION, kind: 'municipality', actsFor: [] } });
    await prisma.roleAssignment.create({ data: { personId: person.id, role: 'contractManager', organisationId: ORGANISATION, validFrom: new Date('2020-01-01'), createdBy: 'bench' } });
    const activities = createActivities({ prisma, mailer });
    const now = () => new Date().toISOString();
    const event = (i: number, type: string) => ({ id: `event-${type}-${i}`, workflowId: 'wf-bench', contractId: undefined, type, data: { i }, occurredAt: now() });
    const task = (i: number) => ({
      id: `task-${i}`,
      workflowId: 'wf-bench',
      kind: 'accountabilityReport',
      title: `Rapportage ${i}`,
      role: 'contractManager' as const,
      organisation: ORGANISATION,
      dueDate: toIsoDate(new Date()),
      openedAt: now(),
    });

    console.log(`activity costs without Temporal: ${CALLS} calls each, one after the other`);
    await timed('recordEvent', (i) => activities.recordEvent(event(i, 'task.reminderSent')));
    await timed('recordTask (opened, with its event)', (i) => activities.recordTask({ task: { ...task(i), status: 'open' }, event: event(i, 'task.opened') }));
    await timed('recordTask (completed, with its event)', (i) =>
      activities.recordTask({
        task: { ...task(i), status: 'done', completion: { at: now(), by: { role: 'contractManager', organisation: ORGANISATION }, outcome: 'Afgerond' } },
        event: event(i, 'task.completed'),
      }),
    );
    await timed('sendNotification (a role, its holder, SMTP)', (i) =>
      activities.sendNotification({
        idempotencyKey: `bench-${i}`,
        workflowId: 'wf-bench',
        taskId: `task-${i}`,
        kind: 'reminder',
        to: ['stakeholder@zaanstad.nl'],
        addressedTo: [{ role: 'contractManager', organisation: ORGANISATION }],
        subject: `Herinnering ${i}`,
        text: 'Uw rapportage is over 14 dagen verschuldigd.',
      }),
    );
    console.log(`\n${summary.join('\n')}`);
  } finally {
    mailer.transporter.close();
    await mail.stop();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
