/**
 * The task lists ("my tasks", GET /tasks?status=…) find their tasks per way of seeing them
 * (api/services/tasks.ts visibleOpenTaskIdsSql, visibleClosedTaskIdsSql) instead of testing one condition
 * on every task of the status. They must give exactly the tasks of that condition (api/services/
 * visibility.ts tasksSeenBySql), in the same order and up to the same limit: compared here for
 * organisations that see tasks in each way, alone and together, with and without filters, for every
 * status, on rows written straight into an isolated database.
 */
import { visibleClosedTaskIdsSql, visibleOpenTaskIdsSql } from '../../api/services/tasks';
import { tasksSeenBySql } from '../../api/services/visibility';
import { addDaysTo, toUtcDate } from '../../domain/dates';
import type { TaskStatus } from '../../domain/glossary';
import { Prisma } from '../../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { contractRow } from '../helpers/supplementary-records';
import { tenderRow } from '../helpers/tender-row';

let db: TestDatabase;

const REGION = 'Regio Zaanstreek-Waterland';
const ZAANSTAD = 'Gemeente Zaanstad';
const WORMERLAND = 'Gemeente Wormerland';
const EDAM = 'Gemeente Edam-Volendam';
const DOCK = 'DOCK';
const HUMANITAS = 'Humanitas';

const contract = (id: string, commissioners: string[], provider: string, tenderId: string | null) => ({ ...contractRow(id, commissioners, provider), workflowId: `wf-${id}`, tenderId });

let day = 0;
/** A task due on its own day (and some on the same day, to order by id), of `organisation` in `role`. */
function task(id: string, organisation: string, { contractId = null, tenderId = null, role = 'contractContact', status = 'open', sameDay = false }: { contractId?: string | null; tenderId?: string | null; role?: string; status?: string; sameDay?: boolean } = {}) {
  if (!sameDay) day++;
  return {
    id,
    workflowId: `wf-${contractId ?? tenderId ?? id}`,
    contractId,
    tenderId,
    kind: 'accountabilityReport',
    title: id,
    role,
    organisation,
    dueDate: toUtcDate(addDaysTo('2027-01-01', day)),
    status,
    openedAt: new Date(),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.tender.createMany({
    data: [
      tenderRow('tender-region', REGION, { commissioners: [{ organisation: REGION, kind: 'purchasingBody', actsFor: [ZAANSTAD, WORMERLAND] }] }),
      tenderRow('tender-edam', EDAM, { commissioners: [{ organisation: EDAM, kind: 'municipality' }] }),
    ],
  });
  await db.prisma.contract.createMany({
    data: [
      contract('c-region-dock', [REGION, ZAANSTAD, WORMERLAND], DOCK, 'tender-region'),
      // Made for Zaanstad alone, although its tender is the region's: the region sees its tasks through the tender.
      contract('c-zaanstad-humanitas', [ZAANSTAD], HUMANITAS, 'tender-region'),
      contract('c-edam-dock', [EDAM], DOCK, 'tender-edam'),
      contract('c-direct', [WORMERLAND], HUMANITAS, null),
    ],
  });
  const open = [
    task('t-region-step', REGION, { tenderId: 'tender-region', role: 'procurementOfficer' }),
    task('t-dock-report', DOCK, { contractId: 'c-region-dock', tenderId: 'tender-region' }),
    task('t-dock-report-2', DOCK, { contractId: 'c-region-dock', tenderId: 'tender-region', sameDay: true }),
    task('t-zaanstad-talk', ZAANSTAD, { contractId: 'c-region-dock', tenderId: 'tender-region', role: 'contractManager' }),
    task('t-humanitas-report', HUMANITAS, { contractId: 'c-zaanstad-humanitas', tenderId: 'tender-region' }),
    task('t-edam-step', EDAM, { tenderId: 'tender-edam', role: 'procurementOfficer' }),
    task('t-edam-dock', DOCK, { contractId: 'c-edam-dock', tenderId: 'tender-edam' }),
    task('t-direct', HUMANITAS, { contractId: 'c-direct' }),
    task('t-wormerland-own', WORMERLAND, { role: 'manager' }),
    task('t-elsewhere', 'Gemeente Elders', { role: 'manager' }),
  ];
  // Each open task again as done and as cancelled, on days of their own (two on the same day, as the open ones).
  const closed = (['done', 'cancelled'] as const).flatMap((status) =>
    open.map((row, index) => task(`${row.id}-${status}`, row.organisation, { contractId: row.contractId, tenderId: row.tenderId, role: row.role, status, sameDay: index === 2 })),
  );
  await db.prisma.task.createMany({ data: [...open, ...closed] });
});

afterAll(async () => {
  await db?.drop();
});

async function ids(query: Prisma.Sql): Promise<string[]> {
  return (await db.prisma.$queryRaw<{ id: string }[]>(query)).map((row) => row.id);
}

/** The definition: every task of the status that the organisations see, as one condition. */
function reference(organisations: string[], filters: Prisma.Sql[], limit: number, status: TaskStatus = 'open'): Prisma.Sql {
  return Prisma.sql`SELECT t."id" FROM "task" t WHERE ${Prisma.join([tasksSeenBySql(organisations), Prisma.sql`t."status" = ${status}`, ...filters], ' AND ')}
    ORDER BY t."due_date" ASC, t."id" ASC LIMIT ${limit}`;
}

const viewers: [string, string[]][] = [
  ['a provider: its own tasks on contracts of two tenders', [DOCK]],
  ['a provider with a contract outside any tender', [HUMANITAS]],
  ['a purchasing body: its tender, its contracts, a contract of its tender made for one municipality', [REGION]],
  ['a municipality the region acts for, with its own contract', [ZAANSTAD]],
  ['a municipality with a direct contract and its own task', [WORMERLAND]],
  ['a municipality leading its own tender', [EDAM]],
  ['staff of two organisations at once', [ZAANSTAD, DOCK]],
  ['an organisation that sees nothing', ['Gemeente Nergens']],
];

describe('the open task list by way of seeing', () => {
  it.each(viewers)('gives %s the same tasks in the same order as the one condition', async (_label, organisations) => {
    const expected = await ids(reference(organisations, [], 100));
    expect(await ids(visibleOpenTaskIdsSql(organisations, [], 100))).toEqual(expected);
    // And within a limit that cuts through the branches.
    for (const limit of [1, 2, 3]) expect(await ids(visibleOpenTaskIdsSql(organisations, [], limit))).toEqual(expected.slice(0, limit));
  });

  it('sees through each way on its own (a branch left out would fail one of these)', async () => {
    expect(await ids(visibleOpenTaskIdsSql([DOCK], [], 100))).toEqual(['t-dock-report', 't-dock-report-2', 't-edam-dock']);
    expect(await ids(visibleOpenTaskIdsSql([WORMERLAND], [], 100))).toEqual(['t-region-step', 't-dock-report', 't-dock-report-2', 't-zaanstad-talk', 't-humanitas-report', 't-direct', 't-wormerland-own']);
    expect(await ids(visibleOpenTaskIdsSql([REGION], [], 100))).toContain('t-humanitas-report');
    expect(await ids(visibleOpenTaskIdsSql([EDAM], [], 100))).toEqual(['t-edam-step', 't-edam-dock']);
  });

  it('applies the organisation and role filters in every branch', async () => {
    const filters = [
      [Prisma.sql`t."organisation" = ${DOCK}`],
      [Prisma.sql`t."role" = ${'contractManager'}`],
      [Prisma.sql`t."organisation" = ${HUMANITAS}`, Prisma.sql`t."role" = ${'contractContact'}`],
    ];
    for (const organisations of [[REGION], [ZAANSTAD], [WORMERLAND, EDAM]]) {
      for (const filter of filters) expect(await ids(visibleOpenTaskIdsSql(organisations, filter, 100))).toEqual(await ids(reference(organisations, filter, 100)));
    }
  });
});

describe.each(['done', 'cancelled'] as const)('the %s task list by way of seeing', (status) => {
  it.each(viewers)('gives %s the same tasks in the same order as the one condition', async (_label, organisations) => {
    const expected = await ids(reference(organisations, [], 100, status));
    expect(await ids(visibleClosedTaskIdsSql(organisations, status, [], 100))).toEqual(expected);
    for (const limit of [1, 2, 3]) expect(await ids(visibleClosedTaskIdsSql(organisations, status, [], limit))).toEqual(expected.slice(0, limit));
  });

  it('sees through each way on its own (a branch left out would fail one of these)', async () => {
    const closed = (...names: string[]) => names.map((name) => `${name}-${status}`);
    // Own tasks (per role) and a contract's: the provider's. Two are due the same day: by id.
    expect(await ids(visibleClosedTaskIdsSql([DOCK], status, [], 100))).toEqual(closed('t-dock-report-2', 't-dock-report', 't-edam-dock'));
    // Contracts made for it, and the region's tender.
    expect(await ids(visibleClosedTaskIdsSql([WORMERLAND], status, [], 100))).toEqual(
      closed('t-region-step', 't-dock-report-2', 't-dock-report', 't-zaanstad-talk', 't-humanitas-report', 't-direct', 't-wormerland-own'),
    );
    // Through its tender only: a contract made for Zaanstad alone.
    expect(await ids(visibleClosedTaskIdsSql([REGION], status, [], 100))).toContain(`t-humanitas-report-${status}`);
    expect(await ids(visibleClosedTaskIdsSql([EDAM], status, [], 100))).toEqual(closed('t-edam-step', 't-edam-dock'));
  });

  it('applies the organisation and role filters in every branch', async () => {
    const filters = [
      [Prisma.sql`t."organisation" = ${DOCK}`],
      [Prisma.sql`t."role" = ${'contractManager'}`],
      [Prisma.sql`t."organisation" = ${HUMANITAS}`, Prisma.sql`t."role" = ${'contractContact'}`],
    ];
    for (const organisations of [[REGION], [ZAANSTAD], [WORMERLAND, EDAM], [DOCK]]) {
      for (const filter of filters) expect(await ids(visibleClosedTaskIdsSql(organisations, status, filter, 100))).toEqual(await ids(reference(organisations, filter, 100, status)));
    }
  });
});
