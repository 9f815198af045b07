import { buildKpiSeries, type RecordedOutcomeEvent } from '../../domain/kpi-series';

/** An outcome event's data as the accountability cycle records it (activities/record-accountability-outcome.ts). */
function outcome(
  index: number,
  from: string,
  to: string,
  kpis: { figures?: { kpi: string; value: number }[]; narratives?: { kpi: string; text: string }[]; missingFigures?: string[] },
  occurredAt = `${to}T12:00:00.000Z`,
): RecordedOutcomeEvent {
  return {
    eventId: `outcome-${index}`,
    occurredAt,
    data: {
      period: { index, from, to },
      figures: kpis.figures ?? [],
      narratives: kpis.narratives ?? [],
      story: 'Het verhaal achter de cijfers',
      agreements: [],
      followUps: [],
      missingFigures: kpis.missingFigures ?? [],
      followUpTaskIds: [],
    },
  };
}

const q1 = outcome(1, '2027-01-01', '2027-03-31', {
  figures: [{ kpi: 'Bereik', value: 412 }, { kpi: 'Doorlooptijd', value: 21 }],
  narratives: [{ kpi: 'Samenwerking in de wijk', text: 'Wekelijks overleg met de huisartsen gestart' }],
});
const q2 = outcome(2, '2027-04-01', '2027-06-30', {
  figures: [{ kpi: 'Bereik', value: 390 }],
  narratives: [
    { kpi: 'Samenwerking in de wijk', text: 'Scholen sluiten aan' },
    { kpi: 'Doorlooptijd', text: 'Registratiesysteem lag zes weken stil' },
  ],
  missingFigures: ['Doorlooptijd'],
});
const q3 = outcome(3, '2027-07-01', '2027-09-30', {
  figures: [{ kpi: 'Bereik', value: 455 }, { kpi: 'Doorlooptijd', value: 18 }],
  narratives: [{ kpi: 'Samenwerking in de wijk', text: 'Gezamenlijke casustafel met de jeugdzorg' }],
});

describe('buildKpiSeries', () => {
  it('makes one series per measurable KPI with its figures per period and simple statistics', () => {
    const { series, unreadable } = buildKpiSeries([q1, q2, q3]);
    expect(unreadable).toEqual([]);
    expect(series.map((s) => s.kpi)).toEqual(['Bereik', 'Doorlooptijd', 'Samenwerking in de wijk']);
    const bereik = series.find((s) => s.kpi === 'Bereik')!;
    expect(bereik.measurable).toBe(true);
    expect(bereik.points).toEqual([
      { period: { index: 1, from: '2027-01-01', to: '2027-03-31', eventId: 'outcome-1', recordedAt: '2027-03-31T12:00:00.000Z' }, status: 'figure', value: 412 },
      { period: { index: 2, from: '2027-04-01', to: '2027-06-30', eventId: 'outcome-2', recordedAt: '2027-06-30T12:00:00.000Z' }, status: 'figure', value: 390 },
      { period: { index: 3, from: '2027-07-01', to: '2027-09-30', eventId: 'outcome-3', recordedAt: '2027-09-30T12:00:00.000Z' }, status: 'figure', value: 455 },
    ]);
    expect(bereik.stats).toEqual({ figures: 3, missing: 0, first: 412, last: 455, min: 390, max: 455 });
  });

  it('lists a missing figure as missing, never as zero, with the story told instead', () => {
    const doorlooptijd = buildKpiSeries([q1, q2, q3]).series.find((s) => s.kpi === 'Doorlooptijd')!;
    expect(doorlooptijd.measurable).toBe(true);
    expect(doorlooptijd.points.map((p) => p.status)).toEqual(['figure', 'missing', 'figure']);
    expect(doorlooptijd.points[1]).toEqual({ period: expect.objectContaining({ index: 2 }), status: 'missing', narrative: 'Registratiesysteem lag zes weken stil' });
    expect(doorlooptijd.points[1]).not.toHaveProperty('value');
    // min is 18, not 0: the missing period does not count.
    expect(doorlooptijd.stats).toEqual({ figures: 2, missing: 1, first: 21, last: 18, min: 18, max: 21 });
  });

  it('gives a KPI marked not measurable its narratives, never a number, and no statistics', () => {
    const samenwerking = buildKpiSeries([q1, q2, q3]).series.find((s) => s.kpi === 'Samenwerking in de wijk')!;
    expect(samenwerking.measurable).toBe(false);
    expect(samenwerking.stats).toBeUndefined();
    expect(samenwerking.points).toEqual([
      { period: expect.objectContaining({ index: 1 }), status: 'narrative', narrative: 'Wekelijks overleg met de huisartsen gestart' },
      { period: expect.objectContaining({ index: 2 }), status: 'narrative', narrative: 'Scholen sluiten aan' },
      { period: expect.objectContaining({ index: 3 }), status: 'narrative', narrative: 'Gezamenlijke casustafel met de jeugdzorg' },
    ]);
    expect(samenwerking.points.some((p) => 'value' in p)).toBe(false);
  });

  it('gives a measurable KPI that was missing in every period its missing count and no figures', () => {
    const only = outcome(1, '2027-01-01', '2027-03-31', { missingFigures: ['Wachttijd'] });
    expect(buildKpiSeries([only]).series).toEqual([
      { kpi: 'Wachttijd', measurable: true, points: [{ period: expect.objectContaining({ index: 1 }), status: 'missing' }], stats: { figures: 0, missing: 1 } },
    ]);
  });

  it('orders the points by period, whatever the order recorded', () => {
    const late = { ...q1, occurredAt: '2027-10-15T09:00:00.000Z' };
    const bereik = buildKpiSeries([q2, late, q3]).series.find((s) => s.kpi === 'Bereik')!;
    expect(bereik.points.map((p) => p.period.index)).toEqual([1, 2, 3]);
    expect(bereik.stats).toMatchObject({ first: 412, last: 455 });
  });

  it('reports an event it cannot read as unreadable, with the reasons, and builds the series from the rest', () => {
    const legacy: RecordedOutcomeEvent = { eventId: 'legacy', occurredAt: '2027-05-01T00:00:00.000Z', data: { period: '2027-Q2', figures: { Bereik: 430 } } };
    const contradictory = outcome(4, '2027-10-01', '2027-12-31', { figures: [{ kpi: 'Bereik', value: 470 }], missingFigures: ['Bereik'] });
    const notAnObject: RecordedOutcomeEvent = { eventId: 'null', occurredAt: '2027-05-02T00:00:00.000Z', data: null };
    const { series, unreadable } = buildKpiSeries([q1, legacy, contradictory, notAnObject]);
    expect(unreadable.map((u) => u.eventId)).toEqual(['legacy', 'outcome-4', 'null']);
    expect(unreadable[0]).toMatchObject({ occurredAt: '2027-05-01T00:00:00.000Z' });
    expect(unreadable[0]!.issues).toEqual(expect.arrayContaining([expect.stringMatching(/^period: /), expect.stringMatching(/^figures: /), expect.stringMatching(/^narratives: /), expect.stringMatching(/^missingFigures: /)]));
    expect(unreadable[1]!.issues).toEqual(['figures.0.kpi: KPI "Bereik" has a figure and is listed as missing']);
    expect(unreadable[2]!.issues).toEqual([expect.stringMatching(/^\(data\): /)]);
    expect(series.find((s) => s.kpi === 'Bereik')!.points.map((p) => p.period.index)).toEqual([1]);
  });

  it('returns no series for no outcomes', () => {
    expect(buildKpiSeries([])).toEqual({ series: [], unreadable: [] });
  });
});
