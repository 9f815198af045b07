/**
 * The next tender takes over the supplementary assignments proposed for the main assignment (at the
 * midterm review or at renewal): listed in the draft, their yearly value added for every year of the
 * next term.
 */
import { nextTenderDraft, yearlyValueCents } from '../../domain/next-tender';
import { tenderLaunchRequestSchema } from '../../domain/schemas/tender-launch';
import { zaanstadContract } from '../fixtures/contract';

const contract = { ...zaanstadContract('2027-01-01'), procurementForm: 'socialServicesLightRegime' as const };
const promoted = {
  id: 'noord-sa-3',
  title: 'Schoolmaatschappelijk werk',
  theme: 'Preventie jeugd',
  goal: 'Minder schooluitval',
  budgetCents: 18_250_000,
  period: { from: '2028-01-01', to: '2028-06-30' },
};

test('a budget over half a year is worth twice that per year; over a whole year its own amount', () => {
  expect(yearlyValueCents(promoted)).toBe(Math.round((18_250_000 * 365) / 182));
  expect(yearlyValueCents({ budgetCents: 3_650_000, period: { from: '2028-01-01', to: '2028-12-31' } })).toBe(3_640_027);
  expect(yearlyValueCents({ budgetCents: 3_650_000, period: { from: '2027-01-01', to: '2027-12-31' } })).toBe(3_650_000);
});

test('without promoted assignments the draft is the contract as it was', () => {
  const draft = nextTenderDraft(contract, '2034-12-31');
  expect(draft.includedAssignments).toBeUndefined();
  expect(draft.estimatedValueCents).toBe(contract.valueCents);
});

test('promoted assignments are in the draft, and their yearly value for each year of the term in the estimate; the draft still launches', () => {
  const draft = nextTenderDraft(contract, '2034-12-31', [promoted]);
  expect(draft.includedAssignments).toEqual([
    { fromAssignment: 'noord-sa-3', title: 'Schoolmaatschappelijk werk', theme: 'Preventie jeugd', goal: 'Minder schooluitval', yearlyValueCents: yearlyValueCents(promoted) },
  ]);
  expect(draft.estimatedValueCents).toBe(contract.valueCents + yearlyValueCents(promoted) * 8);
  const launched = tenderLaunchRequestSchema.safeParse(draft);
  expect(launched.error?.issues).toBeUndefined();
  expect(launched.data?.includedAssignments).toHaveLength(1);
});
