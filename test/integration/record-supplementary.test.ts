/**
 * recordSupplementary against a real (migrated) database: each row is the workflow's last snapshot, the
 * event is written once, and a contract without a row is a non-retryable RecordNotFound.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { InvalidActivityInput } from '../../activities/parse-input';
import { RecordNotFound } from '../../activities/permanent-failures';
import { useRecordingActivities } from '../helpers/recording-activities';
import { contractRow, managerOf, supplementaryAssignment, supplementaryBundle, supplementaryYear } from '../helpers/supplementary-records';

const recording = useRecordingActivities();

const event = (contractId: string, type: string, id = randomUUID()) => ({
  id,
  workflowId: `contract-term-${contractId}`,
  contractId,
  type,
  actor: managerOf('Gemeente Zaanstad'),
  data: { type },
  occurredAt: new Date().toISOString(),
});

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

test('upserting twice keeps one row per key with the last snapshot; a retried event is written once', async () => {
  const contractId = `c-${randomUUID()}`;
  await recording.db.prisma.contract.create({ data: contractRow(contractId, ['Gemeente Zaanstad']) });
  const taken = supplementaryAssignment(contractId, 1, { status: 'vetting', vetting: undefined, sideSteering: true, spendingCapCents: 1_000_000 });
  const takenIn = event(contractId, 'supplementary.requestTakenIn');

  await recording.activities.recordSupplementary({ contractId, assignments: [taken], years: [supplementaryYear(2027, { drawnCents: 0 })], event: takenIn });
  await recording.activities.recordSupplementary({ contractId, assignments: [taken], years: [supplementaryYear(2027, { drawnCents: 0 })], event: takenIn }); // a retry

  const bundled = supplementaryAssignment(contractId, 1, {
    status: 'active',
    sideSteering: true,
    spendingCapCents: 1_000_000,
    regime: 'bundle',
    bundleId: `${contractId}-bundle-2027-1`,
    promotion: { occasion: 'midtermReview', rationale: 'Hoort bij de hoofdopdracht.', on: '2028-06-01', by: managerOf('Gemeente Zaanstad') },
  });
  const bundle = supplementaryBundle(contractId, 2027, 1, [bundled.id], bundled.budgetCents);
  await recording.activities.recordSupplementary({
    contractId,
    assignments: [bundled],
    bundles: [bundle],
    years: [supplementaryYear(2027, { decidedCents: 10_000_000, drawnCents: 2_500_000 })],
    event: event(contractId, 'supplementary.bundled'),
  });

  const rows = await recording.db.prisma.supplementaryAssignment.findMany({ where: { contractId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    id: bundled.id,
    status: 'active',
    route: 'deMinimis',
    groundBasis: 'deMinimis',
    regime: 'bundle',
    bundleId: bundle.id,
    budgetCents: 2_500_000n,
    spendingCapCents: 1_000_000n,
    sideSteering: true,
    sourceKind: 'municipalDepartment',
    sourceName: 'Afdeling Onderwijs',
    periodFrom: new Date('2027-03-01T00:00:00Z'),
    periodTo: new Date('2027-12-31T00:00:00Z'),
    receivedOn: new Date('2027-01-15T00:00:00Z'),
    promotedAt: new Date('2028-06-01T00:00:00Z'),
    promotionOccasion: 'midtermReview',
  });
  expect(rows[0]!.data).toEqual(bundled);

  const bundles = await recording.db.prisma.supplementaryBundle.findMany({ where: { contractId } });
  expect(bundles).toEqual([expect.objectContaining({ id: bundle.id, year: 2027, assignmentIds: [bundled.id], budgetCents: 2_500_000n, status: 'earmarked', combinesSpendingCaps: false, data: bundle })]);

  const years = await recording.db.prisma.supplementaryYear.findMany({ where: { contractId } });
  expect(years).toEqual([expect.objectContaining({ year: 2027, flexibleAmountCents: 10_000_000n, drawnCents: 2_500_000n, spendingCapCents: null, spentCents: 0n, capAlertOn: null })]);

  const events = await recording.db.prisma.event.findMany({ where: { contractId }, orderBy: { occurredAt: 'asc' } });
  expect(events.map((e) => [e.type, e.actorRole, e.actorOrganisation])).toEqual([
    ['supplementary.requestTakenIn', 'contractManager', 'Gemeente Zaanstad'],
    ['supplementary.bundled', 'contractManager', 'Gemeente Zaanstad'],
  ]);
});

test('a snapshot without an optional column clears it (the whole row is overwritten)', async () => {
  const contractId = `c-${randomUUID()}`;
  await recording.db.prisma.contract.create({ data: contractRow(contractId, ['Gemeente Zaanstad']) });
  const bundled = supplementaryAssignment(contractId, 1, { bundleId: `${contractId}-bundle-2027-1`, regime: 'bundle' });
  await recording.activities.recordSupplementary({ contractId, assignments: [bundled], event: event(contractId, 'supplementary.bundled') });
  const { bundleId: _, ...unbundled } = bundled;
  await recording.activities.recordSupplementary({ contractId, assignments: [{ ...unbundled, regime: 'foldedIntoContract' }], event: event(contractId, 'supplementary.consentRefused') });

  const row = await recording.db.prisma.supplementaryAssignment.findUniqueOrThrow({ where: { id: bundled.id } });
  expect(row).toMatchObject({ bundleId: null, regime: 'foldedIntoContract' });
  expect(row.data).not.toHaveProperty('bundleId');
});

test('a contract without a row is a non-retryable RecordNotFound, and nothing is written', async () => {
  const contractId = `missing-${randomUUID()}`;
  const failure = await failureOf(
    recording.activities.recordSupplementary({ contractId, assignments: [supplementaryAssignment(contractId, 1)], event: event(contractId, 'supplementary.requestTakenIn') }),
  );
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: RecordNotFound, nonRetryable: true });
  expect((failure as Error).message).toMatch(/^recordSupplementary: /);
  expect(await recording.db.prisma.supplementaryAssignment.count({ where: { contractId } })).toBe(0);
  expect(await recording.db.prisma.event.count({ where: { contractId } })).toBe(0);
});

test('a row of another contract is an invalid input, and nothing is written', async () => {
  const contractId = `c-${randomUUID()}`;
  await recording.db.prisma.contract.create({ data: contractRow(contractId, ['Gemeente Zaanstad']) });
  const failure = await failureOf(
    recording.activities.recordSupplementary({ contractId, assignments: [supplementaryAssignment('other-contract', 1)], event: event(contractId, 'supplementary.requestTakenIn') }),
  );
  expect(failure).toMatchObject({ type: InvalidActivityInput, nonRetryable: true });
  expect((failure as Error).message).toMatch(/belongs to other-contract/);
  expect(await recording.db.prisma.event.count({ where: { contractId } })).toBe(0);
});
