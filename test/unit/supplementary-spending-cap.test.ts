import {
  CAP_CONSULTATION_DAYS,
  CAP_DECISION_DAYS,
  SPENDING_CAP_ALERT_PERCENT,
  SPENDING_CAP_ARTICLE,
  spendingAfter,
} from '../../domain/supplementary/spending-cap';
import type { SupplementaryYear } from '../../domain/supplementary/types';

const euro = (amount: number) => Math.round(amount * 100);
const by = { role: 'contractManager' as const, organisation: 'Gemeente Voorbeeld' };
const year = (spent: number, cap?: number, overrides: Partial<SupplementaryYear> = {}): SupplementaryYear => ({
  year: 2027,
  drawnCents: 0,
  spentCents: euro(spent),
  ...(cap !== undefined ? { spendingCap: { capCents: euro(cap), setOn: '2026-10-01', by } } : {}),
  ...overrides,
});

describe('spending against the spending cap (VNG contractstandaard Wmo art. 1.5.7)', () => {
  it('VNG art. 1.5.7: the constants are the article\'s 70%, 2 weeks and 2 weeks', () => {
    expect(SPENDING_CAP_ARTICLE).toBe('VNG contractstandaard Wmo art. 1.5.7');
    expect([SPENDING_CAP_ALERT_PERCENT, CAP_CONSULTATION_DAYS, CAP_DECISION_DAYS]).toEqual([70, 14, 14]);
  });

  it('VNG art. 1.5: without a cap spending only adds up', () => {
    expect(spendingAfter(year(1_000), euro(500), '2027-05-01')).toEqual({ spentCents: euro(1_500) });
  });

  it('VNG art. 1.5.7: below 70% of the cap, the share is shown (1 decimal) and nothing is notified', () => {
    expect(spendingAfter(year(60_000, 100_000), euro(9_999.99), '2027-05-01')).toEqual({ spentCents: euro(69_999.99), percent: 70 });
    expect(spendingAfter(year(0, 300_000), euro(100_000), '2027-05-01')).toEqual({ spentCents: euro(100_000), percent: 33.3 });
  });

  it('VNG art. 1.5.7: reaching 70% notifies the provider; consultation within 2 weeks, the decision 2 weeks later', () => {
    expect(spendingAfter(year(60_000, 100_000), euro(10_000), '2027-05-20')).toEqual({
      spentCents: euro(70_000),
      percent: 70,
      alert: { reachedOn: '2027-05-20', percent: 70, consultationDue: '2027-06-03', decisionDue: '2027-06-17' },
    });
    // Across a year end and beyond the cap.
    expect(spendingAfter(year(10_000, 100_000), euro(100_000), '2027-12-24').alert).toEqual({ reachedOn: '2027-12-24', percent: 110, consultationDue: '2028-01-07', decisionDue: '2028-01-21' });
  });

  it('VNG art. 1.5.7: the notification goes out once a year: no new alert after the first', () => {
    const alerted = year(70_000, 100_000, { capAlert: { reachedOn: '2027-05-20', percent: 70, consultationDue: '2027-06-03', decisionDue: '2027-06-17' } });
    expect(spendingAfter(alerted, euro(20_000), '2027-07-01')).toEqual({ spentCents: euro(90_000), percent: 90 });
  });

  it('VNG art. 1.5.7: a cap set (or lowered) below what was spent is reported at the next check, also with no new amount', () => {
    expect(spendingAfter(year(80_000, 100_000), 0, '2027-03-01').alert).toMatchObject({ reachedOn: '2027-03-01', percent: 80 });
  });
});
