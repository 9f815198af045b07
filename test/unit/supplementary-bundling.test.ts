import { bundleNeedsWrittenConsent, COMBINED_SPENDING_CAPS_ARTICLE, proposeBundles } from '../../domain/supplementary/bundling';
import { DEFAULT_SUPPLEMENTARY_SETTINGS } from '../../domain/supplementary/settings';
import type { BundlingCandidate } from '../../domain/supplementary/types';

const euro = (amount: number) => Math.round(amount * 100);
const small = { smallBudgetBelowCents: euro(50_000) };
let sequence = 0;
const candidate = (overrides: Partial<BundlingCandidate> = {}): BundlingCandidate => ({
  id: `c1-sa-${++sequence}`,
  contractId: 'c1',
  theme: 'Preventie jeugd',
  goal: 'Minder schooluitval',
  budgetCents: euro(10_000),
  status: 'active',
  ...overrides,
});

describe('bundling proposal: small budgets per theme and goal', () => {
  it('defaults: small is below € 50.000, the moment is the budget task before the spring note (1 March)', () => {
    expect(DEFAULT_SUPPLEMENTARY_SETTINGS).toEqual({ smallBudgetBelowCents: 5_000_000, bundlingMonthDay: '03-01' });
  });

  it('groups loose small assignments of one contract, theme and goal, and sums their budgets', () => {
    const a = candidate({ id: 'a', budgetCents: euro(12_000) });
    const b = candidate({ id: 'b', budgetCents: euro(8_000), status: 'confirmed' });
    const c = candidate({ id: 'c', budgetCents: euro(5_000), status: 'awaitingConfirmation' });
    expect(proposeBundles([a, b, c], small)).toEqual([
      { contractId: 'c1', theme: 'Preventie jeugd', goal: 'Minder schooluitval', assignmentIds: ['a', 'b', 'c'], budgetCents: euro(25_000), combinesSpendingCaps: false },
    ]);
  });

  it('leaves out bundled, not accepted, ended and not small assignments; the threshold itself is not small', () => {
    const kept = [candidate({ id: 'a' }), candidate({ id: 'b' })];
    const left = [
      candidate({ id: 'bundled', bundleId: 'c1-bundle-2027-1' }),
      ...(['vetting', 'rejected', 'leftContract', 'declined', 'ended', 'cancelled'] as const).map((status) => candidate({ id: status, status })),
      candidate({ id: 'at-threshold', budgetCents: euro(50_000) }),
    ];
    expect(proposeBundles([...kept, ...left], small).map((p) => p.assignmentIds)).toEqual([['a', 'b']]);
    expect(proposeBundles([candidate({ id: 'x', budgetCents: euro(50_000) - 1 }), candidate({ id: 'y' })], small)[0]?.assignmentIds).toEqual(['x', 'y']);
  });

  it('a single small assignment is no bundle', () => {
    expect(proposeBundles([candidate(), candidate({ goal: 'Ander doel' }), candidate({ contractId: 'c2' })], small)).toEqual([]);
  });

  it('compares theme and goal without case and extra whitespace; shows the first spelling met', () => {
    const proposals = proposeBundles(
      [
        candidate({ id: 'a', theme: 'preventie  Jeugd', goal: 'Minder schooluitval' }),
        candidate({ id: 'b', theme: 'Preventie jeugd', goal: 'minder\tschooluitval ' }),
        candidate({ id: 'c', theme: 'PREVENTIE JEUGD', goal: 'MINDER SCHOOLUITVAL' }),
      ],
      small,
    );
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ theme: 'preventie  Jeugd', goal: 'Minder schooluitval', assignmentIds: ['a', 'b', 'c'] });
  });

  it('never bundles across contracts, themes or goals; ordered by contract, theme and goal', () => {
    const input = [
      candidate({ id: 'c2-z', contractId: 'c2', theme: 'Armoede' }),
      candidate({ id: 'c1-w2', theme: 'Welzijn', goal: 'b' }),
      candidate({ id: 'c1-w1', theme: 'welzijn', goal: 'A' }),
      candidate({ id: 'c2-z2', contractId: 'c2', theme: 'armoede' }),
      candidate({ id: 'c1-w1b', theme: 'Welzijn', goal: 'a' }),
      candidate({ id: 'c1-w2b', theme: 'Welzijn', goal: 'B' }),
      candidate({ id: 'c1-p1', theme: 'Preventie' }),
      candidate({ id: 'c1-p2', theme: 'Preventie' }),
    ];
    expect(proposeBundles(input, small).map((p) => [p.contractId, p.theme, p.goal, p.assignmentIds])).toEqual([
      ['c1', 'Preventie', 'Minder schooluitval', ['c1-p1', 'c1-p2']],
      ['c1', 'welzijn', 'A', ['c1-w1', 'c1-w1b']],
      ['c1', 'Welzijn', 'b', ['c1-w2', 'c1-w2b']],
      ['c2', 'Armoede', 'Minder schooluitval', ['c2-z', 'c2-z2']],
    ]);
  });

  it(`${COMBINED_SPENDING_CAPS_ARTICLE}: a bundle adding two or more spending caps together needs written consent`, () => {
    expect(COMBINED_SPENDING_CAPS_ARTICLE).toBe('VNG contractstandaard Wmo art. 1.5.8');
    const oneCap = proposeBundles([candidate({ id: 'a', spendingCapCents: euro(9_000) }), candidate({ id: 'b' })], small);
    expect(oneCap[0]?.combinesSpendingCaps).toBe(false);
    const twoCaps = proposeBundles([candidate({ id: 'a', spendingCapCents: euro(9_000) }), candidate({ id: 'b' }), candidate({ id: 'c', spendingCapCents: euro(1_000) })], small);
    expect(twoCaps[0]?.combinesSpendingCaps).toBe(true);
    expect(bundleNeedsWrittenConsent([])).toBe(false);
    expect(bundleNeedsWrittenConsent([{ spendingCapCents: 1 }, {}])).toBe(false);
    expect(bundleNeedsWrittenConsent([{ spendingCapCents: 1 }, {}, { spendingCapCents: 2 }])).toBe(true);
  });

  it('does not change its input', () => {
    const input = [candidate({ id: 'a' }), candidate({ id: 'b' })];
    const copy = structuredClone(input);
    proposeBundles(input, small);
    expect(input).toEqual(copy);
  });

  it('proposes 10,000 candidates over 500 contracts in well under a second', () => {
    const themes = ['Preventie jeugd', 'Armoede', 'Welzijn ouderen', 'Schuldhulp'];
    const input: BundlingCandidate[] = [];
    for (let i = 0; i < 10_000; i++) {
      input.push(candidate({ id: `sa-${i}`, contractId: `c${String(i % 500).padStart(3, '0')}`, theme: themes[Math.floor(i / 500) % 4]!, goal: i % 3 === 0 ? 'Doel A' : 'doel a', budgetCents: 1_000 + i }));
    }
    const started = performance.now();
    const proposals = proposeBundles(input, small);
    const elapsed = performance.now() - started;
    // 20 candidates per contract: 4 themes × 1 goal, 5 each.
    expect(proposals).toHaveLength(2_000);
    expect(proposals.every((p) => p.assignmentIds.length === 5)).toBe(true);
    expect(proposals.reduce((sum, p) => sum + p.budgetCents, 0)).toBe(input.reduce((sum, c) => sum + c.budgetCents, 0));
    expect(proposals[0]?.contractId).toBe('c000');
    expect(proposals.at(-1)?.contractId).toBe('c499');
    expect(elapsed).toBeLessThan(1_000);
  });
});
