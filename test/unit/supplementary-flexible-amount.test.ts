import { drawnOn, flexibleAmountLeft, proposeFlexibleAmount } from '../../domain/supplementary/flexible-amount';
import type { AssignmentStatus, SupplementaryYear } from '../../domain/supplementary/types';

const euro = (amount: number) => Math.round(amount * 100);
const accepted = (from: string, amount: number, status: AssignmentStatus = 'active') => ({
  budgetCents: euro(amount),
  period: { from, to: `${from.slice(0, 4)}-12-31` },
  status,
});
const by = { role: 'contractManager' as const, organisation: 'Gemeente Voorbeeld' };

describe('the yearly flexible amount, from the past years\' supplementary budgets', () => {
  it('without history proposes nothing', () => {
    expect(proposeFlexibleAmount(2028, [])).toEqual({ year: 2028, basis: [], averageCents: 0, spreadCents: 0, minCents: 0, maxCents: 0, proposedCents: 0 });
    // Only the current and later years, or nothing committed: still no history.
    expect(proposeFlexibleAmount(2028, [accepted('2028-02-01', 10_000), accepted('2027-02-01', 10_000, 'rejected')]).basis).toEqual([]);
  });

  it('counts committed budgets by the year their period starts; a quiet year in between counts as 0', () => {
    const proposal = proposeFlexibleAmount(2029, [
      accepted('2025-03-01', 20_000),
      accepted('2025-11-01', 10_000, 'ended'),
      accepted('2027-01-15', 40_000, 'confirmed'),
      accepted('2027-06-01', 5_000, 'awaitingConfirmation'),
      accepted('2028-06-01', 25_000),
      // Not counted: not (or no longer) accepted, or this year and later.
      accepted('2028-06-01', 99_000, 'vetting'),
      accepted('2028-06-01', 99_000, 'declined'),
      accepted('2028-06-01', 99_000, 'leftContract'),
      accepted('2028-06-01', 99_000, 'cancelled'),
      accepted('2029-01-01', 99_000),
    ]);
    expect(proposal.basis).toEqual([
      { year: 2025, cents: euro(30_000) },
      { year: 2026, cents: 0 },
      { year: 2027, cents: euro(45_000) },
      { year: 2028, cents: euro(25_000) },
    ]);
    // (30.000 + 0 + 45.000 + 25.000) / 4 = 25.000; deviations 5.000, 25.000, 20.000, 0 → sqrt(262.500.000) ≈ 16.201,85.
    expect(proposal).toMatchObject({ year: 2029, averageCents: euro(25_000), minCents: 0, maxCents: euro(45_000), proposedCents: euro(25_000) });
    expect(proposal.spreadCents).toBe(Math.round(Math.sqrt(((euro(5_000) ** 2 + euro(25_000) ** 2 + euro(20_000) ** 2) / 4))));
    expect(proposal.spreadCents).toBe(1_620_185);
  });

  it('looks back at most 5 years by default, or maxYears', () => {
    const history = [2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y, i) => accepted(`${y}-04-01`, 1_000 * (i + 1)));
    expect(proposeFlexibleAmount(2026, history).basis.map((b) => b.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(proposeFlexibleAmount(2026, history, { maxYears: 2 }).basis).toEqual([
      { year: 2024, cents: euro(6_000) },
      { year: 2025, cents: euro(7_000) },
    ]);
    // The window ends with the year before, even when that year had nothing.
    expect(proposeFlexibleAmount(2030, history).basis).toEqual([2025, 2026, 2027, 2028, 2029].map((year) => ({ year, cents: year === 2025 ? euro(7_000) : 0 })));
    expect(() => proposeFlexibleAmount(2026, history, { maxYears: 0 })).toThrow(RangeError);
  });

  it('rounds the average to a cent and the proposal to whole euros, from the exact average', () => {
    // 100,01 + 100,02 + 100,02 = 300,05 / 3 = 100,01666…
    const thirds = proposeFlexibleAmount(2026, [accepted('2023-01-01', 100.01), accepted('2024-01-01', 100.02), accepted('2025-01-01', 100.02)]);
    expect(thirds).toMatchObject({ averageCents: 10_002, proposedCents: 10_000, minCents: 10_001, maxCents: 10_002 });
    expect(thirds.spreadCents).toBe(0); // ≈ 0,0047 cent
    // € 1,495 average: cent-rounded it shows € 1,50, but one rounding of the exact average to euros gives € 1.
    const half = proposeFlexibleAmount(2026, [{ budgetCents: 149, period: { from: '2024-01-01', to: '2024-12-31' }, status: 'active' }, { budgetCents: 150, period: { from: '2025-01-01', to: '2025-12-31' }, status: 'active' }]);
    expect(half).toMatchObject({ averageCents: 150, proposedCents: 100 });
    expect(proposeFlexibleAmount(2026, [accepted('2025-01-01', 1_234.5)]).proposedCents).toBe(euro(1_235));
    expect(proposeFlexibleAmount(2026, [accepted('2025-01-01', 1_234.49)]).proposedCents).toBe(euro(1_234));
  });

  it('draws the committed budgets whose period starts in the year on its flexible amount', () => {
    const assignments = [accepted('2027-01-01', 10_000), accepted('2027-12-31', 5_000, 'ended'), accepted('2026-12-31', 7_000), accepted('2027-03-01', 8_000, 'rejected')];
    expect(drawnOn(2027, assignments)).toBe(euro(15_000));
    expect(drawnOn(2028, assignments)).toBe(0);
  });

  it('what is left of the flexible amount: undefined while not decided, negative when overdrawn', () => {
    const proposal = proposeFlexibleAmount(2027, []);
    const year: SupplementaryYear = { year: 2027, drawnCents: euro(30_000), spentCents: 0 };
    expect(flexibleAmountLeft(year)).toBeUndefined();
    const decided = { ...year, flexibleAmount: { amountCents: euro(50_000), decidedOn: '2026-03-01', by, proposal } };
    expect(flexibleAmountLeft(decided)).toBe(euro(20_000));
    expect(flexibleAmountLeft({ ...decided, drawnCents: euro(60_000) })).toBe(-euro(10_000));
  });
});
