/**
 * The overview of supplementary assignments against a real (migrated) database, with rows written by
 * the recordSupplementary activity: for one contract, across a commissioner's contracts (a contract of
 * another commissioner does not count), and for one budget year.
 */
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { supplementaryOverview } from '../../db/supplementary-overview';
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import { createMailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { contractRow, managerOf, supplementaryAssignment as assignment, supplementaryBundle, supplementaryYear } from '../helpers/supplementary-records';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  const activities = createActivities({ prisma: db.prisma, mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:2' }) });
  await db.prisma.contract.createMany({
    data: [contractRow('c1', ['Gemeente Zaanstad']), contractRow('c2', ['Inkoopbureau Zaanstreek', 'Gemeente Zaanstad']), contractRow('c3', ['Gemeente Haarlem'])],
  });
  const record = (contractId: string, rows: Omit<Parameters<typeof activities.recordSupplementary>[0], 'contractId' | 'event'>) =>
    activities.recordSupplementary({
      contractId,
      ...rows,
      event: { id: randomUUID(), workflowId: `contract-term-${contractId}`, contractId, type: 'supplementary.recorded', actor: managerOf('Gemeente Zaanstad'), occurredAt: new Date().toISOString() },
    });

  const onderwijs = { kind: 'municipalDepartment', name: 'Afdeling Onderwijs' } as const;
  const sport = { kind: 'municipalDepartment', name: 'Afdeling Sport' } as const;
  const kansrijkeStart = { kind: 'nationalProgramme', name: 'Kansrijke Start' } as const;
  const contractLine = { kind: 'commissioner', name: 'Contractlijn' } as const;
  const promotion: SupplementaryAssignment['promotion'] = { occasion: 'renewal', rationale: 'Structureel nodig.', on: '2026-11-01', by: managerOf('Gemeente Zaanstad') };

  await record('c1', {
    assignments: [
      assignment('c1', 1, { status: 'active', budgetCents: 2_500_000, source: onderwijs, bundleId: 'c1-bundle-2027-1', regime: 'bundle' }),
      assignment('c1', 2, { status: 'confirmed', budgetCents: 1_500_000, source: onderwijs, sideSteering: true, bundleId: 'c1-bundle-2027-1', regime: 'bundle' }),
      assignment('c1', 3, { status: 'ended', budgetCents: 4_000_000, theme: 'Armoede', source: kansrijkeStart, regime: 'own', period: { from: '2026-06-01', to: '2026-12-31' }, promotion }),
      assignment('c1', 4, { status: 'rejected', budgetCents: 9_000_000, source: sport, sideSteering: true }),
      assignment('c1', 5, { status: 'vetting', budgetCents: 700_000, source: contractLine, vetting: undefined }),
      assignment('c1', 6, { status: 'awaitingConfirmation', budgetCents: 1_000_000, theme: 'Armoede', source: kansrijkeStart }),
    ],
    bundles: [supplementaryBundle('c1', 2027, 1, ['c1-sa-1', 'c1-sa-2'], 4_000_000)],
    years: [supplementaryYear(2026, { drawnCents: 4_000_000 }), supplementaryYear(2027, { decidedCents: 10_000_000, drawnCents: 5_000_000 })],
  });
  await record('c2', {
    assignments: [
      assignment('c2', 1, { status: 'active', budgetCents: 3_000_000, theme: 'Armoede', source: onderwijs, sideSteering: true }),
      assignment('c2', 2, { status: 'cancelled', budgetCents: 500_000, source: onderwijs }),
    ],
    years: [supplementaryYear(2027, { drawnCents: 3_000_000 })],
  });
  // Another commissioner's contract: none of it counts for Zaanstad.
  await record('c3', {
    assignments: [
      assignment('c3', 1, { status: 'active', budgetCents: 99_000_000, source: onderwijs, sideSteering: true, bundleId: 'c3-bundle-2027-1', regime: 'bundle', promotion }),
      assignment('c3', 2, { status: 'rejected', budgetCents: 99_000_000, source: sport, sideSteering: true }),
    ],
    bundles: [supplementaryBundle('c3', 2027, 1, ['c3-sa-1'], 99_000_000)],
    years: [supplementaryYear(2027, { decidedCents: 50_000_000, drawnCents: 99_000_000 })],
  });
});
afterAll(async () => {
  await db?.drop();
});

const statuses = (counts: Record<string, [number, number]>) =>
  ['vetting', 'rejected', 'leftContract', 'awaitingConfirmation', 'declined', 'confirmed', 'active', 'ended', 'cancelled'].map((status) => {
    const [count, totalCents] = counts[status] ?? [0, 0];
    return { status, count, totalCents };
  });

test('one contract: committed budgets by source and theme, side-steering over every request, bundles, regimes, the flexible amount', async () => {
  expect(await supplementaryOverview(db.prisma, { contractId: 'c1' })).toEqual({
    assignments: { count: 4, totalCents: 9_000_000 },
    byStatus: statuses({ vetting: [1, 700_000], rejected: [1, 9_000_000], awaitingConfirmation: [1, 1_000_000], confirmed: [1, 1_500_000], active: [1, 2_500_000], ended: [1, 4_000_000] }),
    bySource: [
      { kind: 'nationalProgramme', name: 'Kansrijke Start', count: 2, totalCents: 5_000_000, sideSteering: 0 },
      { kind: 'municipalDepartment', name: 'Afdeling Onderwijs', count: 2, totalCents: 4_000_000, sideSteering: 1 },
    ],
    byTheme: [
      { theme: 'Armoede', count: 2, totalCents: 5_000_000 },
      { theme: 'Preventie jeugd', count: 2, totalCents: 4_000_000 },
    ],
    sideSteering: {
      count: 2,
      bySource: [
        { kind: 'municipalDepartment', name: 'Afdeling Onderwijs', count: 1 },
        { kind: 'municipalDepartment', name: 'Afdeling Sport', count: 1 },
      ],
    },
    bundled: { count: 2, totalCents: 4_000_000, bundles: 1 },
    loose: { count: 2, totalCents: 5_000_000 },
    regimesInForce: [{ regime: 'bundle', count: 2 }],
    flexibleAmount: [
      { year: 2026, decidedCents: null, drawnCents: 4_000_000, leftCents: null },
      { year: 2027, decidedCents: 10_000_000, drawnCents: 5_000_000, leftCents: 5_000_000 },
    ],
    promoted: { count: 1, totalCents: 4_000_000 },
  });
});

test('a commissioner: every contract made for it (also through a purchasing body), none of another commissioner', async () => {
  expect(await supplementaryOverview(db.prisma, { commissioner: 'Gemeente Zaanstad' })).toEqual({
    assignments: { count: 5, totalCents: 12_000_000 },
    byStatus: statuses({
      vetting: [1, 700_000],
      rejected: [1, 9_000_000],
      awaitingConfirmation: [1, 1_000_000],
      confirmed: [1, 1_500_000],
      active: [2, 5_500_000],
      ended: [1, 4_000_000],
      cancelled: [1, 500_000],
    }),
    bySource: [
      { kind: 'municipalDepartment', name: 'Afdeling Onderwijs', count: 3, totalCents: 7_000_000, sideSteering: 2 },
      { kind: 'nationalProgramme', name: 'Kansrijke Start', count: 2, totalCents: 5_000_000, sideSteering: 0 },
    ],
    byTheme: [
      { theme: 'Armoede', count: 3, totalCents: 8_000_000 },
      { theme: 'Preventie jeugd', count: 2, totalCents: 4_000_000 },
    ],
    sideSteering: {
      count: 3,
      bySource: [
        { kind: 'municipalDepartment', name: 'Afdeling Onderwijs', count: 2 },
        { kind: 'municipalDepartment', name: 'Afdeling Sport', count: 1 },
      ],
    },
    bundled: { count: 2, totalCents: 4_000_000, bundles: 1 },
    loose: { count: 3, totalCents: 8_000_000 },
    regimesInForce: [
      { regime: 'bundle', count: 2 },
      { regime: 'foldedIntoContract', count: 1 },
    ],
    flexibleAmount: [
      { year: 2026, decidedCents: null, drawnCents: 4_000_000, leftCents: null },
      { year: 2027, decidedCents: 10_000_000, drawnCents: 8_000_000, leftCents: 5_000_000 },
    ],
    promoted: { count: 1, totalCents: 4_000_000 },
  });
  expect(await supplementaryOverview(db.prisma, { commissioner: 'Inkoopbureau Zaanstreek' })).toMatchObject({ assignments: { count: 1, totalCents: 3_000_000 } });
  expect(await supplementaryOverview(db.prisma, { commissioner: 'Gemeente Haarlem' })).toMatchObject({
    assignments: { count: 1, totalCents: 99_000_000 },
    sideSteering: { count: 2 },
    promoted: { count: 1, totalCents: 99_000_000 },
  });
});

test('a budget year: the assignments whose period starts in it and that year\'s flexible amount', async () => {
  const overview = await supplementaryOverview(db.prisma, { commissioner: 'Gemeente Zaanstad', year: 2027 });
  expect(overview).toMatchObject({
    assignments: { count: 4, totalCents: 8_000_000 },
    loose: { count: 2, totalCents: 4_000_000 },
    promoted: { count: 0, totalCents: 0 },
    flexibleAmount: [{ year: 2027, decidedCents: 10_000_000, drawnCents: 8_000_000, leftCents: 5_000_000 }],
  });
  expect(await supplementaryOverview(db.prisma, { contractId: 'c1', year: 2026 })).toMatchObject({
    assignments: { count: 1, totalCents: 4_000_000 },
    flexibleAmount: [{ year: 2026, decidedCents: null, drawnCents: 4_000_000, leftCents: null }],
  });
});

test('a contract and a commissioner that do not go together, or nothing recorded: zeros and empty lists', async () => {
  const overview = await supplementaryOverview(db.prisma, { contractId: 'c3', commissioner: 'Gemeente Zaanstad' });
  expect(overview).toEqual({
    assignments: { count: 0, totalCents: 0 },
    byStatus: statuses({}),
    bySource: [],
    byTheme: [],
    sideSteering: { count: 0, bySource: [] },
    bundled: { count: 0, totalCents: 0, bundles: 0 },
    loose: { count: 0, totalCents: 0 },
    regimesInForce: [],
    flexibleAmount: [],
    promoted: { count: 0, totalCents: 0 },
  });
});
