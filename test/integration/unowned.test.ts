/**
 * GET /overview/unowned: open tasks whose role nobody holds today in an organisation the directory
 * knows, on the contracts and tenders of the manager's own organisations. Rows seeded straight into an
 * isolated database; the Temporal client stays unconnected.
 */
import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/server';
import { addDaysTo, toUtcDate } from '../../domain/dates';
import { directoryDay } from '../../domain/directory';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor } from '../helpers/principals';

const ZAANSTAD = 'Gemeente Zaanstad';
const PURMEREND = 'Gemeente Purmerend';
const SMD = 'SMD';
const DOCK = 'DOCK';
const UNKNOWN_PROVIDER = 'Aanbieder Zonder Rollenlijst';
const today = directoryDay(new Date());

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;

async function person(email: string, role: string, organisation: string, validFrom: string, validUntil: string | null = null) {
  const row = await db.prisma.person.upsert({ where: { email }, create: { email }, update: {} });
  await db.prisma.roleAssignment.create({
    data: { personId: row.id, role, organisationId: organisation, validFrom: toUtcDate(validFrom), validUntil: validUntil ? toUtcDate(validUntil) : null, createdBy: 'test' },
  });
}

async function seed(): Promise<void> {
  const { prisma } = db;
  await prisma.organisation.createMany({
    data: [
      { id: ZAANSTAD, kind: 'municipality', actsFor: [] },
      { id: PURMEREND, kind: 'municipality', actsFor: [] },
      { id: SMD, kind: 'provider', actsFor: [] },
      { id: DOCK, kind: 'provider', actsFor: [] },
    ],
  });
  // SMD's contact left yesterday; DOCK's starts next week; Zaanstad's contract manager holds the role today.
  await person('oud@smd.example', 'contractContact', SMD, '2020-01-01', addDaysTo(today, -1));
  await person('straks@dock.example', 'contractContact', DOCK, addDaysTo(today, 7));
  await person('cm@zaanstad.example', 'contractManager', ZAANSTAD, '2020-01-01');
  await person('cm@purmerend.example', 'contractManager', PURMEREND, '2020-01-01', today);
  const contract = (id: string, commissioner: string, provider: string) => ({
    id,
    workflowId: `contract-term-${id}`,
    lotId: id,
    lotTitle: `Perceel ${id}`,
    commissioner,
    commissioners: [commissioner],
    provider,
    valueCents: 1_000_000_00n,
    startDate: toUtcDate('2027-01-01'),
    endDate: toUtcDate('2034-12-31'),
    status: 'active',
    terms: {},
  });
  await prisma.contract.createMany({
    data: [contract('c-smd', ZAANSTAD, SMD), contract('c-dock', ZAANSTAD, DOCK), contract('c-unknown', ZAANSTAD, UNKNOWN_PROVIDER), contract('c-purmerend', PURMEREND, SMD)],
  });
  const task = (id: string, contractId: string, role: string, organisation: string, due: number, status = 'open') => {
    const row = { c: contractId, commissioner: contractId === 'c-purmerend' ? PURMEREND : ZAANSTAD, provider: contractId === 'c-smd' || contractId === 'c-purmerend' ? SMD : contractId === 'c-dock' ? DOCK : UNKNOWN_PROVIDER };
    return {
      id,
      workflowId: `wf-${id}`,
      contractId: row.c,
      kind: 'accountabilityReport',
      title: `Taak ${id}`,
      role,
      organisation,
      commissioner: row.commissioner,
      provider: row.provider,
      dueDate: toUtcDate(addDaysTo(today, due)),
      status,
      openedAt: new Date(),
    };
  };
  await prisma.task.createMany({
    data: [
      task('t-smd-report', 'c-smd', 'contractContact', SMD, 5),
      task('t-smd-overdue', 'c-smd', 'contractContact', SMD, -3),
      task('t-smd-done', 'c-smd', 'contractContact', SMD, -10, 'done'),
      task('t-dock-report', 'c-dock', 'contractContact', DOCK, 2),
      task('t-zaanstad-owned', 'c-smd', 'contractManager', ZAANSTAD, 1),
      task('t-zaanstad-manager', 'c-smd', 'manager', ZAANSTAD, 9),
      task('t-unknown-provider', 'c-unknown', 'contractContact', UNKNOWN_PROVIDER, 4),
      task('t-purmerend-smd', 'c-purmerend', 'contractContact', SMD, 6),
      task('t-purmerend-owned', 'c-purmerend', 'contractManager', PURMEREND, 6),
    ],
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed();
  temporal = new Client();
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

async function unowned(headers: { authorization?: string }, query = '') {
  const response = await api.inject({ method: 'GET', url: `/overview/unowned${query}`, headers: { ...headers } });
  return { status: response.statusCode, body: response.json() as { asOf: string; truncated: boolean; tasks: { id: string; overdue: boolean; owner: { role: string; roleLabel: string; organisation: string } }[] } };
}

describe('GET /overview/unowned', () => {
  it("lists a Zaanstad manager the open tasks of roles nobody holds today on Zaanstad's contracts, soonest due first", async () => {
    const { status, body } = await unowned(await apiTokenFor(db.prisma, ZAANSTAD, ['manager']));
    expect(status).toBe(200);
    expect(body.asOf).toBe(today);
    // SMD's contact left yesterday (overdue one first), DOCK's starts next week, nobody is Zaanstad's manager.
    expect(body.tasks.map((t) => t.id)).toEqual(['t-smd-overdue', 't-dock-report', 't-smd-report', 't-zaanstad-manager']);
    expect(body.tasks[0]).toMatchObject({
      id: 't-smd-overdue',
      overdue: true,
      owner: { role: 'contractContact', roleLabel: 'contactpersoon opdrachtnemer', organisation: SMD },
      commissioner: ZAANSTAD,
      provider: SMD,
      contract: { id: 'c-smd', lotId: 'c-smd', lotTitle: 'Perceel c-smd' },
    });
    expect(body.truncated).toBe(false);
  });

  it('leaves out roles held today (up to and including their last day), done tasks, and organisations the directory does not know', async () => {
    const ids = (await unowned(await apiTokenFor(db.prisma, PURMEREND, ['contractManager']))).body.tasks.map((t) => t.id);
    expect(ids).toEqual(['t-purmerend-smd']);
  });

  it('shows another organisation nothing of Zaanstad; a role without the overview (a provider, an administrator) is refused', async () => {
    const purmerend = (await unowned(await apiTokenFor(db.prisma, PURMEREND, ['manager']))).body.tasks.map((t) => t.id);
    expect(purmerend).not.toContain('t-smd-report');
    for (const [organisation, roles, kind] of [
      [SMD, ['contractContact'], 'provider'],
      [ZAANSTAD, ['administrator'], 'municipality'],
    ] as const) {
      const { status } = await unowned(await apiTokenFor(db.prisma, organisation, [...roles], { kind }));
      expect(status).toBe(403);
    }
    expect((await unowned({})).status).toBe(401);
  });

  it('is limited on request, and says so', async () => {
    const { body } = await unowned(await apiTokenFor(db.prisma, ZAANSTAD, ['manager']), '?limit=2');
    expect(body.tasks.map((t) => t.id)).toEqual(['t-smd-overdue', 't-dock-report']);
    expect(body.truncated).toBe(true);
    expect((await unowned(await apiTokenFor(db.prisma, ZAANSTAD, ['manager']), '?limit=0')).status).toBe(400);
  });
});

describe('the overview page', () => {
  it("shows a Zaanstad manager, under the overdue tasks, the tasks of roles nobody holds today, and none of Purmerend's", async () => {
    const page = await api.inject({ method: 'GET', url: '/overzicht', headers: { ...(await apiTokenFor(db.prisma, ZAANSTAD, ['manager'])) } });
    expect(page.statusCode).toBe(200);
    const section = /<section aria-labelledby="zonder-houder">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? '';
    expect(section).toContain('Taken van een rol zonder houder');
    const rows = [...section.matchAll(/href="\/taken\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
    expect(rows).toEqual(['t-smd-overdue', 't-dock-report', 't-smd-report', 't-zaanstad-manager']);
    expect(section).toContain('contactpersoon opdrachtnemer, SMD');
    expect(section).not.toContain('t-purmerend');
  });
});
