import { SOCIAL_SERVICES_EU_THRESHOLD_CENTS } from '../../domain/legal-rules';
import { assertProcurementRoute, PlanError } from '../../domain/tender-plan';
import { assessThreshold, changeThresholdCents, euThresholdPeriods, thresholdPeriodOn, valueWithOptions } from '../../domain/thresholds';

const route = { termYears: 4, extensionOptions: { count: 0, monthsEach: 12 }, noticeDate: '2026-09-01' };

describe('EU thresholds', () => {
  it('uses Delegated Regulation (EU) 2025/2152 for 2026-2027 and (EU) 2023/2495 for 2024-2025 (Directive 2014/24/EU art. 4 and 6)', () => {
    expect(thresholdPeriodOn('2026-01-01')).toEqual({ period: expect.objectContaining({ source: 'Gedelegeerde Verordening (EU) 2025/2152' }), provisional: false });
    expect(thresholdPeriodOn('2027-12-31').period.cents).toEqual({ works: 5_404_000_00, servicesSubCentral: 216_000_00, socialServices: 750_000_00 });
    expect(thresholdPeriodOn('2025-12-31').period).toMatchObject({ source: 'Gedelegeerde Verordening (EU) 2023/2495', cents: { servicesSubCentral: 221_000_00, works: 5_538_000_00 } });
    // Past the last known period the latest amounts still apply, marked provisional until the next regulation is entered.
    expect(thresholdPeriodOn('2028-02-01')).toMatchObject({ provisional: true, period: { source: 'Gedelegeerde Verordening (EU) 2025/2152' } });
    // The periods follow each other without a gap.
    for (let i = 1; i < euThresholdPeriods.length; i++) {
      expect(new Date(euThresholdPeriods[i]!.validFrom).getTime() - new Date(euThresholdPeriods[i - 1]!.validUntil).getTime()).toBe(24 * 60 * 60 * 1000);
    }
  });

  it('keeps EUR 750,000 for social and other specific services in every period (Directive 2014/24/EU art. 4 onder d)', () => {
    expect(SOCIAL_SERVICES_EU_THRESHOLD_CENTS).toBe(750_000_00);
    for (const period of euThresholdPeriods) expect(period.cents.socialServices).toBe(SOCIAL_SERVICES_EU_THRESHOLD_CENTS);
    expect(assessThreshold('socialServicesLightRegime', 749_999_99, '2026-09-01')).toMatchObject({ european: false, source: 'Richtlijn 2014/24/EU art. 4 onder d' });
    expect(assessThreshold('socialServicesLightRegime', 750_000_00, '2026-09-01')).toMatchObject({ european: true });
  });

  it('chooses the threshold by procurement form: services of municipalities for the open and national procedure, none for open house, grant and in-house', () => {
    expect(assessThreshold('europeanOpen', 216_000_00, '2026-09-01')).toMatchObject({ category: 'servicesSubCentral', thresholdCents: 216_000_00, european: true });
    expect(assessThreshold('national', 215_999_99, '2026-09-01')).toMatchObject({ european: false });
    for (const form of ['openHouse', 'grant', 'inHouse'] as const) expect(assessThreshold(form, 10_000_000_00, '2026-09-01')).toBeUndefined();
  });

  it('counts the extension options in the estimated value (Directive 2014/24/EU art. 5 lid 1)', () => {
    // Zaanstad: EUR 96 million for eight years, two options of two years each.
    expect(valueWithOptions(96_000_000_00, 8, { count: 2, monthsEach: 24 })).toBe(144_000_000_00);
    expect(valueWithOptions(150_000_00, 4, { count: 0, monthsEach: 12 })).toBe(150_000_00);
  });
});

describe('assertProcurementRoute', () => {
  it('refuses a national procedure whose value with options reaches the threshold, naming procurementForm and the regulation (Delegated Regulation (EU) 2025/2152)', () => {
    let error: PlanError | undefined;
    try {
      assertProcurementRoute({ ...route, procurementForm: 'national', estimatedValueCents: 150_000_00, extensionOptions: { count: 2, monthsEach: 12 } });
    } catch (e) {
      error = e as PlanError;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect(error!.field).toBe('procurementForm');
    expect(error!.message).toContain('EUR 225,000');
    expect(error!.message).toContain('EUR 216,000');
    expect(error!.message).toContain('Gedelegeerde Verordening (EU) 2025/2152');
    expect(error!.details).toMatchObject({ valueWithOptionsCents: 225_000_00, thresholdCents: 216_000_00 });
    // Without the options it stays below: the national route is kept.
    expect(assertProcurementRoute({ ...route, procurementForm: 'national', estimatedValueCents: 150_000_00 })).toMatchObject({ european: false });
  });

  it('takes the threshold valid when the notice is sent (Directive 2014/24/EU art. 5 lid 4)', () => {
    const request = { ...route, procurementForm: 'national' as const, estimatedValueCents: 218_000_00 };
    expect(assertProcurementRoute({ ...request, noticeDate: '2025-11-30' })).toMatchObject({ european: false, thresholdCents: 221_000_00 });
    expect(() => assertProcurementRoute({ ...request, noticeDate: '2026-01-05' })).toThrow(PlanError);
  });

  it('lets the European forms pass above the threshold and voluntary European procedures below it', () => {
    expect(assertProcurementRoute({ ...route, procurementForm: 'socialServicesLightRegime', estimatedValueCents: 96_000_000_00 })).toMatchObject({ european: true });
    expect(assertProcurementRoute({ ...route, procurementForm: 'europeanOpen', estimatedValueCents: 100_000_00 })).toMatchObject({ european: false });
    expect(assertProcurementRoute({ ...route, procurementForm: 'openHouse', estimatedValueCents: 96_000_000_00 })).toBeUndefined();
  });
});

describe('changeThresholdCents (Aw 2012 art. 2.163b: the threshold of the contract, on the day of the change)', () => {
  it('measures a light-regime contract against EUR 750,000 and a standard services contract against the dated table', () => {
    expect(changeThresholdCents('socialServicesLightRegime', '2026-12-01')).toBe(750_000_00);
    expect(changeThresholdCents('europeanOpen', '2025-06-01')).toBe(221_000_00);
    expect(changeThresholdCents('europeanOpen', '2026-12-01')).toBe(216_000_00);
  });

  it('has none for open house and grants: they are no public contracts', () => {
    expect(changeThresholdCents('openHouse', '2026-12-01')).toBeUndefined();
    expect(changeThresholdCents('grant', '2026-12-01')).toBeUndefined();
  });
});
