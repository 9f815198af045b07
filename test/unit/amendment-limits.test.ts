import { assessAmendment, assertRevisionEffectiveDate } from '../../domain/amendment-limits';
import { SOCIAL_SERVICES_EU_THRESHOLD_CENTS } from '../../domain/legal-rules';

const euro = (amount: number) => Math.round(amount * 100);
/** A Zaanstad lot worth EUR 4 million: 10% (EUR 400,000) binds before the EU threshold (EUR 750,000). */
const lot = { initialValueCents: euro(4_000_000), previousChangesCents: [] as number[] };

describe('assessAmendment (Aw 2012 art. 2.163b)', () => {
  it('allows a change well within both limits, without a warning', () => {
    const result = assessAmendment({ ...lot, proposedChangeCents: euro(150_000) });
    expect(result).toEqual({
      allowed: true,
      cumulativeChangeCents: euro(150_000),
      limitCents: euro(400_000),
      bindingLimit: 'percentOfInitial',
      percentOfInitial: 3.75,
      percentOfLimit: 37.5,
      remainingCents: euro(250_000) - 1,
    });
  });

  it('refuses a net change exactly at 10%: the law says strictly below ("lager is dan")', () => {
    const atLimit = assessAmendment({ ...lot, previousChangesCents: [euro(100_000)], proposedChangeCents: euro(300_000) });
    expect(atLimit.allowed).toBe(false);
    expect(atLimit.remainingCents).toBe(0);
    expect(atLimit.warning).toBeUndefined();
    expect(atLimit.reason).toContain('10% van de initiële waarde (€ 4.000.000,00) bereikt');
    expect(atLimit.reason).toContain('10% of the initial value (€ 4.000.000,00) reached');
    expect(atLimit.reason).toContain('art. 2.163b');
    const oneCentBelow = assessAmendment({ ...lot, previousChangesCents: [euro(100_000)], proposedChangeCents: euro(300_000) - 1 });
    expect(oneCentBelow.allowed).toBe(true);
    expect(oneCentBelow.remainingCents).toBe(0);
    expect(oneCentBelow.warning).toContain('100% van de grens');
  });

  it('refuses a change over 10% of the initial value, saying by how much', () => {
    const result = assessAmendment({ ...lot, proposedChangeCents: euro(450_000) });
    expect(result.allowed).toBe(false);
    expect(result.percentOfInitial).toBe(11.25);
    expect(result.reason).toContain('met € 50.000,00 overschreden');
    expect(result.reason).toContain('exceeded by € 50.000,00');
    expect(result.reason).not.toContain('EU-drempel');
  });

  it('refuses a change over the EU threshold for a big contract even though it is below 10%', () => {
    const big = { initialValueCents: euro(40_000_000), previousChangesCents: [euro(500_000)] };
    const result = assessAmendment({ ...big, proposedChangeCents: euro(300_000) });
    expect(result).toMatchObject({
      allowed: false,
      cumulativeChangeCents: euro(800_000),
      limitCents: SOCIAL_SERVICES_EU_THRESHOLD_CENTS,
      bindingLimit: 'euThreshold',
      percentOfInitial: 2,
    });
    expect(result.reason).toContain('EU-drempel € 750.000,00 met € 50.000,00 overschreden');
    expect(result.reason).toContain('EU threshold € 750.000,00 exceeded by € 50.000,00');
    expect(result.reason).not.toContain('10% van');
    // both limits crossed: both named
    const both = assessAmendment({ initialValueCents: euro(5_000_000), proposedChangeCents: euro(800_000) });
    expect(both.reason).toContain('EU-drempel');
    expect(both.reason).toContain('10% van de initiële waarde (€ 5.000.000,00) met € 300.000,00 overschreden');
  });

  it('nets increases and decreases (net cumulative value, Directive 2014/24/EU art. 72(2))', () => {
    // summed as absolute values this would be EUR 750,000; net it is EUR 350,000
    const result = assessAmendment({ ...lot, previousChangesCents: [euro(300_000), euro(-200_000)], proposedChangeCents: euro(250_000) });
    expect(result.allowed).toBe(true);
    expect(result.cumulativeChangeCents).toBe(euro(350_000));
    // a net decrease counts by its size
    const cut = assessAmendment({ ...lot, previousChangesCents: [euro(-250_000)], proposedChangeCents: euro(-200_000) });
    expect(cut).toMatchObject({ allowed: false, cumulativeChangeCents: euro(-450_000), percentOfInitial: -11.25 });
    expect(cut.reason).toContain('€ -450.000,00');
    // a proposal that brings the net change back within the limit is allowed
    const back = assessAmendment({ ...lot, previousChangesCents: [euro(450_000)], proposedChangeCents: euro(-100_000) });
    expect(back).toMatchObject({ allowed: true, cumulativeChangeCents: euro(350_000) });
  });

  it('warns from 80% of the limit on, in Dutch and English', () => {
    const below = assessAmendment({ ...lot, proposedChangeCents: euro(320_000) - 1 });
    expect(below.allowed).toBe(true);
    expect(below.warning).toBeUndefined();
    const at = assessAmendment({ ...lot, proposedChangeCents: euro(320_000) });
    expect(at.percentOfLimit).toBe(80);
    expect(at.warning).toContain('Let op: de netto gecumuleerde wijziging (€ 320.000,00) is 80% van de grens (€ 400.000,00)');
    expect(at.warning).toContain('nog € 79.999,99 ruimte');
    expect(at.warning).toContain('Warning: the net cumulative change');
    expect(at.reason).toBeUndefined();
    const bigContract = assessAmendment({ initialValueCents: euro(40_000_000), proposedChangeCents: euro(600_000) });
    expect(bigContract.warning).toContain('80% van de grens (€ 750.000,00)');
  });

  it('keeps "strictly below" exact when 10% is not a whole number of cents', () => {
    // 10% of 12,345 cents is 1,234.5 cents: 1,234 is below it, 1,235 is not
    expect(assessAmendment({ initialValueCents: 12_345, proposedChangeCents: 1_234 }).allowed).toBe(true);
    const over = assessAmendment({ initialValueCents: 12_345, proposedChangeCents: 1_235 });
    expect(over).toMatchObject({ allowed: false, limitCents: 1_235 });
    expect(over.reason).toContain('met € 0,01 overschreden');
  });

  it('rounds the percentage for display only, and takes another threshold', () => {
    expect(assessAmendment({ initialValueCents: 300_000, proposedChangeCents: 1_000 }).percentOfInitial).toBe(0.33);
    expect(assessAmendment({ initialValueCents: 300_000, proposedChangeCents: 2_000 }).percentOfInitial).toBe(0.67);
    const works = assessAmendment({ initialValueCents: euro(100_000_000), proposedChangeCents: euro(5_000_000), threshold: euro(5_538_000) });
    expect(works).toMatchObject({ allowed: true, limitCents: euro(5_538_000), bindingLimit: 'euThreshold' });
    expect(works.warning).toBeDefined();
  });

  it('accepts integer cents only', () => {
    expect(() => assessAmendment({ ...lot, proposedChangeCents: 10.5 })).toThrow();
    expect(() => assessAmendment({ ...lot, previousChangesCents: [0.1], proposedChangeCents: 0 })).toThrow();
    expect(() => assessAmendment({ initialValueCents: 0, proposedChangeCents: 0 })).toThrow();
  });

  it('sums many small changes exactly (no floating point drift)', () => {
    // ten times 0.1% of the initial value: exactly 1%
    const changes = Array.from({ length: 10 }, () => euro(4_000));
    const result = assessAmendment({ ...lot, previousChangesCents: changes, proposedChangeCents: 0 });
    expect(result.cumulativeChangeCents).toBe(euro(40_000));
    expect(result.percentOfInitial).toBe(1);
  });
});

describe('assertRevisionEffectiveDate (VNG contractstandaard Wmo art. 1.4)', () => {
  it('accepts an effective date from the decision up to 6 months after it', () => {
    expect(assertRevisionEffectiveDate('2031-01-15', '2031-01-15')).toBeUndefined();
    expect(assertRevisionEffectiveDate('2031-01-15', '2031-07-15')).toBeUndefined();
  });

  it('refuses a date more than 6 months after the decision', () => {
    const message = assertRevisionEffectiveDate('2031-01-15', '2031-07-16');
    expect(message).toContain('uiterlijk 2031-07-15');
    expect(message).toContain('VNG contractstandaard Wmo art. 1.4');
    expect(message).toContain('at most 6 months');
  });

  it('reckons to the last day of the month when the same date does not exist', () => {
    expect(assertRevisionEffectiveDate('2031-08-31', '2032-02-29')).toBeUndefined(); // 2032 is a leap year
    expect(assertRevisionEffectiveDate('2031-08-31', '2032-03-01')).toContain('uiterlijk 2032-02-29');
  });

  it('refuses an effective date before the decision and invalid dates', () => {
    expect(assertRevisionEffectiveDate('2031-01-15', '2031-01-14')).toContain('before it is decided');
    expect(assertRevisionEffectiveDate('2031-02-30', '2031-03-01')).toContain('Invalid date for decidedOn');
  });
});
