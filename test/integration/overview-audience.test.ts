/**
 * Who sees an open task in the overdue overview, as the triggers of
 * prisma/migrations/20261202060000_task_overview_audience keep it (task.audience_id, task_audience),
 * whichever row is written first and whatever changes later: the overview query as each organisation's
 * staff run it (api/services/overview-queries.ts), on rows written straight into an isolated database.
 */
import { overdueOverviewQuery, type OverdueOverviewRow, type OverdueRow } from '../../api/services/overview-queries';
import { addDaysTo, toIsoDate, toUtcDate } from '../../domain/dates';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { contractRow } from '../helpers/supplementary-records';
import { tenderRow } from '../helpers/tender-row';

let db: TestDatabase;
const today = toIsoDate(new Date());
const REGION = 'Regio Zaanstreek-Waterland';
const ZAANSTAD = 'Gemeente Zaanstad';
const WORMERLAND = 'Gemeente Wormerland';
const PURMEREND = 'Gemeente Purmerend';
const EDAM = 'Gemeente Edam-Volendam';

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

/** The ids of the overdue tasks `organisations`' staff see, and the total the overview counts. */
async function seenBy(...organisations: string[]): Promise<{ ids: string[]; total: number }> {
  const [row] = await db.prisma.$queryRaw<OverdueOverviewRow[]>(overdueOverviewQuery({ limit: 100 }, today, organisations));
  const tasks = (typeof row?.tasks === 'string' ? JSON.parse(row.tasks) : row?.tasks) as OverdueRow[];
  const totals = (typeof row?.totals === 'string' ? JSON.parse(row.totals) : row?.totals) as Record<string, number>;
  return { ids: tasks.map((task) => task.id).sort(), total: Object.values(totals).reduce((sum, n) => sum + n, 0) };
}

const contract = (id: string, commissioners: string[], tenderId: string | null = null) => ({ ...contractRow(id, commissioners, 'DOCK'), workflowId: `wf-${id}`, tenderId });

const task = (id: string, { contractId = null, tenderId = null }: { contractId?: string | null; tenderId?: string | null }) => ({
  id,
  workflowId: `wf-${contractId ?? tenderId}`,
  contractId,
  tenderId,
  kind: 'accountabilityReport',
  title: id,
  role: 'contractContact',
  organisation: 'DOCK',
  dueDate: toUtcDate(addDaysTo(today, -5)),
  status: 'open',
  openedAt: new Date(),
});

describe('the overdue overview by audience', () => {
  it("shows a contract's task to each of the contract's commissioners, also when the task was written before the contract", async () => {
    await db.prisma.task.create({ data: task('t-early', { contractId: 'c-region' }) });
    expect((await seenBy(ZAANSTAD)).ids).toEqual([]);

    await db.prisma.contract.create({ data: contract('c-region', [REGION, ZAANSTAD, WORMERLAND]) });
    await db.prisma.task.create({ data: task('t-late', { contractId: 'c-region' }) });
    for (const organisation of [REGION, ZAANSTAD, WORMERLAND]) expect((await seenBy(organisation)).ids).toEqual(['t-early', 't-late']);
    expect((await seenBy(PURMEREND)).ids).toEqual([]);
    // Two organisations of the same audience: each task once.
    expect(await seenBy(ZAANSTAD, REGION)).toEqual({ ids: ['t-early', 't-late'], total: 2 });
  });

  it("follows the contract's commissioners and the task's contract when they change", async () => {
    await db.prisma.contract.update({ where: { id: 'c-region' }, data: { commissioners: [REGION, ZAANSTAD, WORMERLAND, PURMEREND] } });
    expect((await seenBy(PURMEREND)).ids).toEqual(['t-early', 't-late']);

    await db.prisma.contract.create({ data: contract('c-edam', [EDAM]) });
    await db.prisma.task.update({ where: { id: 't-late' }, data: { contractId: 'c-edam' } });
    expect((await seenBy(PURMEREND)).ids).toEqual(['t-early']);
    expect((await seenBy(EDAM)).ids).toEqual(['t-late']);
  });

  it('drops a task that is no longer open and shows it again when it reopens', async () => {
    await db.prisma.task.update({ where: { id: 't-late' }, data: { status: 'done' } });
    expect(await seenBy(EDAM)).toEqual({ ids: [], total: 0 });
    await db.prisma.task.update({ where: { id: 't-late' }, data: { status: 'open' } });
    expect(await seenBy(EDAM)).toEqual({ ids: ['t-late'], total: 1 });
  });

  it("shows a tender's own task to its lead organisation, its commissioners and the municipalities they act for", async () => {
    await db.prisma.task.create({ data: task('t-tender', { tenderId: 'tender-region' }) });
    await db.prisma.tender.create({
      data: tenderRow('tender-region', REGION, { commissioners: [{ organisation: REGION, kind: 'purchasingBody', actsFor: [ZAANSTAD, WORMERLAND] }] }),
    });
    for (const organisation of [REGION, ZAANSTAD, WORMERLAND]) expect((await seenBy(organisation)).ids).toContain('t-tender');
    expect((await seenBy(EDAM)).ids).not.toContain('t-tender');

    await db.prisma.tender.update({
      where: { id: 'tender-region' },
      data: { launch: { commissioners: [{ organisation: REGION, kind: 'purchasingBody', actsFor: [ZAANSTAD] }, { organisation: EDAM, kind: 'municipality' }] } },
    });
    expect((await seenBy(EDAM)).ids).toContain('t-tender');
    expect((await seenBy(WORMERLAND)).ids).not.toContain('t-tender');
  });

  it('keeps a task with neither a recorded contract nor a tender out of every overview', async () => {
    await db.prisma.task.create({ data: task('t-orphan', { contractId: 'c-never-recorded' }) });
    for (const organisation of [REGION, ZAANSTAD, WORMERLAND, PURMEREND, EDAM]) expect((await seenBy(organisation)).ids).not.toContain('t-orphan');
  });
});
