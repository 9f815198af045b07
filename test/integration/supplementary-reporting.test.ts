/**
 * Reporting folded into the accountability conversations: the report task of a period lists the
 * supplementary assignments without their own reports (folded into the contract, or in a bundle's one
 * regime) that ran during that period, read from the records against a real database.
 */
import { randomUUID } from 'node:crypto';
import type { ApiDeps } from '../../api/deps';
import { foldedAssignmentsOf } from '../../api/services/supplementary-reporting';
import { useRecordingActivities } from '../helpers/recording-activities';
import { contractRow, managerOf, supplementaryAssignment } from '../helpers/supplementary-records';

const recording = useRecordingActivities();

const event = (contractId: string, workflowId: string, type: string, data: Record<string, unknown>) => ({ id: randomUUID(), workflowId, contractId, type, actor: managerOf('Gemeente Zaanstad'), data, occurredAt: new Date().toISOString() });

test('the report task of a period lists the folded and bundled assignments that ran in it, not those with their own reports, outside it, or not accepted', async () => {
  const contractId = `c-${randomUUID().slice(0, 8)}`;
  await recording.db.prisma.contract.create({ data: contractRow(contractId, ['Gemeente Zaanstad'], 'DOCK') });
  const cycle = `contract-${contractId}-accountability-p2`;
  // The contract term records each cycle it starts, with its period.
  await recording.activities.recordEvent(event(contractId, `contract-${contractId}`, 'contract.accountabilityCycleStarted', { workflowId: cycle, period: { index: 2, from: '2027-04-01', to: '2027-06-30' } }));
  const assignments = [
    supplementaryAssignment(contractId, 1, { title: 'Huiswerkbegeleiding', period: { from: '2027-03-01', to: '2027-12-31' } }),
    supplementaryAssignment(contractId, 2, { title: 'Buurtsportcoach', regime: 'bundle', bundleId: `${contractId}-bundle-2028-1`, period: { from: '2027-06-30', to: '2027-09-30' } }),
    supplementaryAssignment(contractId, 3, { title: 'Eigen rapportage', regime: 'own', reporting: { regime: 'own', everyMonths: 3 } }),
    supplementaryAssignment(contractId, 4, { title: 'Later', period: { from: '2027-07-01', to: '2027-12-31' } }),
    supplementaryAssignment(contractId, 5, { title: 'Nog ter toetsing', status: 'vetting' }),
    supplementaryAssignment(contractId, 6, { title: 'Afgelopen in Q1', status: 'ended', period: { from: '2027-01-01', to: '2027-03-31' } }),
  ];
  await recording.activities.recordSupplementary({ contractId, assignments, event: event(contractId, `contract-${contractId}`, 'supplementary.test', {}) });

  const report = { kind: 'accountabilityReport', contractId, workflowId: cycle };
  const listed = await foldedAssignmentsOf({ prisma: recording.db.prisma } as ApiDeps, report);
  expect(listed.map((a) => [a.title, a.regime, a.bundleId, a.periodFrom, a.periodTo])).toEqual([
    ['Huiswerkbegeleiding', 'foldedIntoContract', null, '2027-03-01', '2027-12-31'],
    ['Buurtsportcoach', 'bundle', `${contractId}-bundle-2028-1`, '2027-06-30', '2027-09-30'],
  ]);
  // Another kind of task, or a cycle the contract never recorded, lists nothing.
  expect(await foldedAssignmentsOf({ prisma: recording.db.prisma } as ApiDeps, { ...report, kind: 'conversation' })).toEqual([]);
  expect(await foldedAssignmentsOf({ prisma: recording.db.prisma } as ApiDeps, { ...report, workflowId: `contract-${contractId}-accountability-p9` })).toEqual([]);
});
