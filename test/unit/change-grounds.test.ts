import { addChange, assessChange, changeTotalsFromLegacy, emptyChangeTotals, type ChangeContext } from '../../domain/change-grounds';
import { changeOptionSchema, contractTermsSchema } from '../../domain/schemas/contract-terms';
import { changeGroundInputSchema } from '../../domain/schemas/change-grounds';

const euro = (amount: number) => Math.round(amount * 100);
const preventie = { id: 'preventie', nature: 'Uitbreiding inzet preventieteams', maxValueChangeCents: euro(2_000_000), conditions: 'Bij een stijging van het aantal meldingen met meer dan 20%' };
/** A Zaanstad lot worth EUR 32 million: the EU threshold (EUR 750,000) binds before 10% (EUR 3.2 million). */
const context = (overrides: Partial<ChangeContext> = {}): ChangeContext => ({
  initialValueCents: euro(32_000_000),
  procurementForm: 'socialServicesLightRegime',
  changeOptions: [preventie],
  totals: emptyChangeTotals(),
  ...overrides,
});

describe('legal grounds for changes (Aw 2012 art. 2.163b-d)', () => {
  it('art. 2.163b: a change below the EU threshold is allowed; the net total under the ground counts', () => {
    const totals = addChange(emptyChangeTotals(), { basis: 'deMinimis' }, euro(400_000));
    const result = assessChange(context({ totals }), { basis: 'deMinimis' }, euro(300_000));
    expect(result).toMatchObject({ allowed: true, cumulativeChangeCents: euro(700_000), limitCents: euro(750_000), ground: { basis: 'deMinimis', article: 'Aw 2012 art. 2.163b' } });
    expect(result.warning).toContain('art. 2.163b');
  });

  it('art. 2.163b: reaching the threshold needs a new procedure (art. 2.163a), refused on valueChangeCents', () => {
    const result = assessChange(context({ totals: changeTotalsFromLegacy([euro(400_000), euro(100_000)]) }), { basis: 'deMinimis' }, euro(250_000));
    expect(result).toMatchObject({ allowed: false, field: 'valueChangeCents', cumulativeChangeCents: euro(750_000) });
    expect(result.reason).toContain('art. 2.163b');
    expect(result.reason).toContain('nieuwe aanbestedingsprocedure (Aw 2012 art. 2.163a)');
  });

  it('art. 2.163b: changes under other grounds do not count towards the de minimis total', () => {
    let totals = addChange(emptyChangeTotals(), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(1_500_000));
    totals = addChange(totals, { basis: 'additionalServices', reason: 'x' }, euro(5_000_000));
    expect(totals.byGround).toEqual({ deMinimis: 0, changeOption: euro(1_500_000), additionalServices: euro(5_000_000) });
    expect(totals.byChangeOption).toEqual({ preventie: euro(1_500_000) });
    expect(assessChange(context({ totals }), { basis: 'deMinimis' }, euro(700_000)).allowed).toBe(true);
  });

  it('art. 2.163b does not apply to open house and grants: they are not public contracts', () => {
    for (const procurementForm of ['openHouse', 'grant'] as const) {
      const result = assessChange(context({ procurementForm }), { basis: 'deMinimis' }, euro(5_000_000));
      expect(result).toMatchObject({ allowed: true, cumulativeChangeCents: euro(5_000_000) });
      expect(result.deMinimis).toBeUndefined();
      expect(result.note).toContain('geen toets aan art. 2.163b');
    }
  });

  it('art. 2.163c (VNG art. 1.4.1): a change within a written change option is allowed whatever its size', () => {
    const result = assessChange(context(), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(1_800_000));
    expect(result).toMatchObject({ allowed: true, cumulativeChangeCents: euro(1_800_000), limitCents: euro(2_000_000), ground: { article: 'Aw 2012 art. 2.163c (VNG art. 1.4.1)' } });
    expect(result.ground.reason).toContain('Uitbreiding inzet preventieteams');
  });

  it('art. 2.163c: beyond the extent written in the option (net, over all its uses) the clause does not cover it', () => {
    const totals = addChange(emptyChangeTotals(), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(1_800_000));
    const result = assessChange(context({ totals }), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(200_000) + 1);
    expect(result).toMatchObject({ allowed: false, field: 'valueChangeCents', cumulativeChangeCents: euro(2_000_000) + 1 });
    expect(result.reason).toContain('art. 2.163c');
    expect(assessChange(context({ totals }), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(200_000)).allowed).toBe(true);
  });

  it('art. 2.163c: an extent in percent of the initial value, the lower of two extents binds', () => {
    const option = { ...preventie, maxPercentOfInitial: 5 }; // 5% of EUR 32 million = EUR 1.6 million < EUR 2 million
    const result = assessChange(context({ changeOptions: [option] }), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(1_600_000) + 1);
    expect(result).toMatchObject({ allowed: false, limitCents: euro(1_600_000) });
  });

  it('art. 2.163c: an option the contract does not have is refused on ground.changeOptionId', () => {
    const result = assessChange(context(), { basis: 'changeOption', changeOptionId: 'jeugd' }, euro(10_000));
    expect(result).toMatchObject({ allowed: false, field: 'ground.changeOptionId' });
    expect(result.reason).toContain('preventie');
    expect(assessChange(context({ changeOptions: [] }), { basis: 'changeOption', changeOptionId: 'jeugd' }, 1).reason).toContain('het contract heeft er geen');
  });

  it('art. 2.163d: additional services up to 50% of the initial value, for each change separately', () => {
    const totals = addChange(emptyChangeTotals(), { basis: 'additionalServices', reason: 'x' }, euro(16_000_000));
    const ground = { basis: 'additionalServices' as const, reason: 'Nieuwe taak Wmo-beschermd wonen; andere aanbieder kan niet zonder overdracht van alle dossiers' };
    expect(assessChange(context({ totals }), ground, euro(16_000_000))).toMatchObject({ allowed: true, cumulativeChangeCents: euro(32_000_000), limitCents: euro(16_000_000) });
    const over = assessChange(context(), ground, euro(16_000_000) + 1);
    expect(over).toMatchObject({ allowed: false, field: 'valueChangeCents' });
    expect(over.reason).toContain('art. 2.163d');
    expect(assessChange(context(), ground, -euro(10_000))).toMatchObject({ allowed: false, field: 'valueChangeCents' });
  });

  it('art. 2.163d needs its reason; art. 2.163c names its option (request schema)', () => {
    expect(changeGroundInputSchema.safeParse({ basis: 'additionalServices' }).error?.issues[0]?.path).toEqual(['reason']);
    expect(changeGroundInputSchema.safeParse({ basis: 'changeOption' }).error?.issues[0]?.path).toEqual(['changeOptionId']);
    expect(changeGroundInputSchema.safeParse({ basis: 'deMinimis', changeOptionId: 'preventie' }).error?.issues[0]?.path).toEqual(['changeOptionId']);
    expect(changeGroundInputSchema.safeParse({ basis: 'override' }).error?.issues[0]?.path).toEqual(['basis']);
    expect(changeGroundInputSchema.parse({ basis: 'deMinimis' })).toEqual({ basis: 'deMinimis' });
  });

  it('VNG art. 1.4.1: a change option in the contract terms states its nature, extent and conditions', () => {
    expect(changeOptionSchema.safeParse({ ...preventie, maxValueChangeCents: undefined }).error?.issues[0]?.path).toEqual(['maxValueChangeCents']);
    expect(changeOptionSchema.safeParse({ ...preventie, conditions: '' }).error?.issues[0]?.path).toEqual(['conditions']);
    const terms = contractTermsSchema.parse({ changeOptions: [preventie] });
    expect(terms.changeOptions).toEqual([preventie]);
    expect(contractTermsSchema.safeParse({ changeOptions: [preventie, preventie] }).error?.issues[0]?.path).toEqual(['changeOptions']);
  });
});
