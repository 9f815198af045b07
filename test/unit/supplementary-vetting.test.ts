import { addChange, emptyChangeTotals, type ChangeContext } from '../../domain/change-grounds';
import { vettingRoutes } from '../../domain/schemas/supplementary';
import { assessVettingRoute, vettingRouteLabels } from '../../domain/supplementary/vetting';

const euro = (amount: number) => Math.round(amount * 100);
const preventie = { id: 'preventie', nature: 'Uitbreiding inzet preventieteams', maxValueChangeCents: euro(500_000), conditions: 'Bij meer dan 20% meer meldingen' };
/** A lot worth EUR 2 million: 10% (EUR 200,000) binds before the EU threshold for art. 2.163b. */
const context = (overrides: Partial<ChangeContext> = {}): ChangeContext => ({
  initialValueCents: euro(2_000_000),
  procurementForm: 'socialServicesLightRegime',
  changeOptions: [preventie],
  totals: emptyChangeTotals(),
  ...overrides,
});
const reason = 'Past in de geest van de hoofdopdracht: preventie op scholen in de wijk';

describe('the joint panel\'s route for a supplementary assignment (Aw 2012 art. 2.163b-d)', () => {
  it('art. 2.163b: a de minimis supplement is checked cumulatively with the earlier de minimis changes', () => {
    const totals = addChange(emptyChangeTotals(), { basis: 'deMinimis' }, euro(150_000));
    const within = assessVettingRoute(context({ totals }), { route: 'deMinimis', reason }, euro(40_000));
    expect(within).toEqual({ leavesContract: false, ground: { basis: 'deMinimis', reason }, assessment: expect.objectContaining({ allowed: true, cumulativeChangeCents: euro(190_000) }) });
    const over = assessVettingRoute(context({ totals }), { route: 'deMinimis', reason }, euro(50_000));
    expect(over.leavesContract).toBe(false);
    if (over.leavesContract) throw new Error('unreachable');
    expect(over.assessment).toMatchObject({ allowed: false, cumulativeChangeCents: euro(200_000), limitCents: euro(200_000), ground: { article: 'Aw 2012 art. 2.163b' } });
    expect(over.assessment.reason).toContain('art. 2.163a');
  });

  it('art. 2.163b does not apply to an open house contract: the supplement is allowed with a note', () => {
    const result = assessVettingRoute(context({ procurementForm: 'openHouse' }), { route: 'deMinimis', reason }, euro(900_000));
    if (result.leavesContract) throw new Error('an open house supplement stays in the contract');
    expect(result.assessment).toMatchObject({ allowed: true, cumulativeChangeCents: euro(900_000) });
    expect(result.assessment.deMinimis).toBeUndefined();
    expect(result.assessment.note).toContain('geen toets aan art. 2.163b');
  });

  it('art. 2.163c (VNG art. 1.4.1): a supplement within a change option is allowed up to the option\'s written extent', () => {
    const ground = { route: 'changeOption' as const, changeOptionId: 'preventie', reason };
    const within = assessVettingRoute(context(), ground, euro(500_000));
    expect(within).toEqual({
      leavesContract: false,
      ground: { basis: 'changeOption', changeOptionId: 'preventie', reason },
      assessment: expect.objectContaining({ allowed: true, limitCents: euro(500_000), ground: { basis: 'changeOption', changeOptionId: 'preventie', reason, article: 'Aw 2012 art. 2.163c (VNG art. 1.4.1)' } }),
    });
    const used = addChange(emptyChangeTotals(), { basis: 'changeOption', changeOptionId: 'preventie' }, euro(500_000));
    const beyond = assessVettingRoute(context({ totals: used }), ground, 1);
    if (beyond.leavesContract) throw new Error('unreachable');
    expect(beyond.assessment).toMatchObject({ allowed: false, field: 'valueChangeCents', cumulativeChangeCents: euro(500_000) + 1 });
  });

  it('art. 2.163c: a change option the contract does not have is refused', () => {
    const result = assessVettingRoute(context(), { route: 'changeOption', changeOptionId: 'jeugd', reason }, euro(1_000));
    if (result.leavesContract) throw new Error('unreachable');
    expect(result.assessment).toMatchObject({ allowed: false, field: 'ground.changeOptionId' });
    expect(result.assessment.reason).toContain('art. 2.163c');
  });

  it('art. 2.163d: additional services up to 50% of the initial value are allowed, with the panel\'s reason recorded', () => {
    const result = assessVettingRoute(context(), { route: 'additionalServices', reason }, euro(1_000_000));
    expect(result).toEqual({
      leavesContract: false,
      ground: { basis: 'additionalServices', reason },
      assessment: expect.objectContaining({ allowed: true, limitCents: euro(1_000_000), ground: { basis: 'additionalServices', reason, article: 'Aw 2012 art. 2.163d' } }),
    });
  });

  it('art. 2.163d: additional services above 50% of the initial value are refused', () => {
    const result = assessVettingRoute(context(), { route: 'additionalServices', reason }, euro(1_000_000) + 1);
    if (result.leavesContract) throw new Error('unreachable');
    expect(result.assessment).toMatchObject({ allowed: false, field: 'valueChangeCents', limitCents: euro(1_000_000) });
    expect(result.assessment.reason).toContain('art. 2.163d');
  });

  it('a separate contract (new tender or grant) leaves the contract: no change ground, no check', () => {
    // Even a budget far beyond every limit: it is not a change of this contract.
    expect(assessVettingRoute(context(), { route: 'separateContract', separateContract: 'newTender', reason }, euro(5_000_000))).toEqual({ leavesContract: true, advice: 'newTender' });
    expect(assessVettingRoute(context(), { route: 'separateContract', separateContract: 'grant', reason }, euro(10_000))).toEqual({ leavesContract: true, advice: 'grant' });
    expect(() => assessVettingRoute(context(), { route: 'separateContract', reason }, euro(10_000))).toThrow(RangeError);
  });

  it('labels every route in Dutch with its article', () => {
    expect(Object.keys(vettingRouteLabels).sort()).toEqual([...vettingRoutes].sort());
    expect(vettingRouteLabels.deMinimis).toContain('Aw 2012 art. 2.163b');
    expect(vettingRouteLabels.changeOption).toContain('Aw 2012 art. 2.163c');
    expect(vettingRouteLabels.additionalServices).toContain('Aw 2012 art. 2.163d');
    expect(vettingRouteLabels.separateContract).toBe('Apart contract (nieuwe aanbesteding of subsidie)');
  });
});
