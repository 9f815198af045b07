import { daysBetween } from '../../domain/dates';
import { addDaysTo } from '../../domain/dates';
import { legalMinimumsFor } from '../../domain/legal-rules';
import { PlanError, planTender, reckonFromActualDate, shiftMilestone } from '../../domain/tender-plan';

const zaanstad = { procurementForm: 'europeanOpen' as const, electronicSubmission: true, contractStart: '2027-01-01' };

/** The plan with every step at its minimum: the contract start as early as it can be. */
function tightest(request: Omit<Parameters<typeof planTender>[0], 'contractStart'>) {
  let needed = 0;
  try {
    planTender({ ...request, contractStart: request.today });
  } catch (e) {
    needed = (e as PlanError).details.neededDays as number;
  }
  return planTender({ ...request, contractStart: addDaysTo(request.today, needed) });
}

function gap(plan: ReturnType<typeof planTender>, from: string, to: string): number {
  const due = (key: string) => plan.milestones.find((m) => m.key === key)!.dueDate;
  return daysBetween(due(from), due(to));
}

describe('planTender', () => {
  it('plans backwards from the contract start with preferred durations when there is room', () => {
    const plan = planTender({ ...zaanstad, today: '2025-09-01' });
    expect(plan.milestones.map((m) => m.key)).toEqual([
      'currentContractEvaluation', 'providerInput', 'marketConsultation', 'executiveDecision', 'publication',
      'questionsAndAnswers', 'submissionDeadline', 'evaluation', 'awardDecision', 'standstill', 'finalAward',
      'signing', 'onboarding',
    ]);
    expect(plan.milestones.at(-1)!.dueDate).toBe('2027-01-01');
    expect(plan.milestones.find((m) => m.key === 'onboarding')!.dueDate).toBe('2027-01-01');
    expect(plan.milestones.find((m) => m.key === 'signing')!.dueDate).toBe('2026-10-03'); // 90 days of onboarding
    expect(plan.standstillDays).toBe(21);
    // preferred durations add up to 397 days: the first milestone is 60 days after the plan's first day
    expect(daysBetween('2025-09-01', plan.milestones[0]!.dueDate)).toBeGreaterThanOrEqual(60);
  });

  it('keeps every legal minimum when the plan is compressed (Aw 2012 art. 2.71 lid 1, art. 2.127 lid 3)', () => {
    const plan = planTender({ ...zaanstad, electronicSubmission: false, today: '2026-05-01' });
    expect(daysBetween('2026-05-01', plan.milestones[0]!.dueDate)).toBeGreaterThanOrEqual(20);
    expect(gap(plan, 'awardDecision', 'standstill')).toBeGreaterThanOrEqual(20); // Aw 2012 art. 2.127 lid 3
    expect(gap(plan, 'publication', 'submissionDeadline')).toBeGreaterThanOrEqual(45); // art. 2.71 lid 1
    expect(gap(plan, 'questionsAndAnswers', 'submissionDeadline')).toBeGreaterThanOrEqual(6);
    // the whole window is used: the first step starts today, not earlier
    const firstDuration = daysBetween('2026-05-01', plan.milestones[0]!.dueDate);
    expect(firstDuration).toBeLessThan(60);
  });

  it('gives the open procedure 45 days (Aw 2012 art. 2.71 lid 1), 5 fewer with electronic submission (art. 2.74a), 5 more without electronic documents (art. 2.72)', () => {
    const period = (electronicSubmission: boolean, documentsElectronicallyAvailable: boolean) =>
      legalMinimumsFor('europeanOpen', { electronicSubmission, documentsElectronicallyAvailable, standstillDays: 20 }).find((r) => r.id === 'openProcedureTenderPeriod')!;
    expect(period(false, true)).toMatchObject({ minDays: 45, source: 'Aanbestedingswet 2012 art. 2.71 lid 1' });
    expect(period(true, true)).toMatchObject({ minDays: 40, source: 'Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a' });
    expect(period(true, false)).toMatchObject({ minDays: 45, source: 'Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a, art. 2.72' });
    expect(period(false, false)).toMatchObject({ minDays: 50, source: 'Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.72' });
    // Compressed as far as it goes, the plan still keeps each of them.
    for (const [electronicSubmission, documentsElectronicallyAvailable, days] of [[true, true, 40], [false, false, 50]] as const) {
      const tight = tightest({ ...zaanstad, electronicSubmission, documentsElectronicallyAvailable, today: '2026-06-15' });
      expect(gap(tight, 'publication', 'submissionDeadline')).toBe(days);
    }
  });

  it('cites the directive for the additional information 6 days before the deadline (Richtlijn 2014/24/EU art. 53 lid 2), not art. 47', () => {
    const rule = legalMinimumsFor('europeanOpen').find((r) => r.id === 'additionalInformation')!;
    expect(rule).toMatchObject({ from: 'questionsAndAnswers', to: 'submissionDeadline', minDays: 6, source: 'Richtlijn 2014/24/EU art. 53 lid 2' });
  });

  it('binds the European open procedure to the 20-day standstill of Aw 2012 art. 2.127 lid 3; the light regime and admission procedures to the term of the tender documents', () => {
    expect(legalMinimumsFor('europeanOpen').filter((r) => r.to === 'standstill')).toMatchObject([{ minDays: 20, source: 'Aanbestedingswet 2012 art. 2.127 lid 3', basis: 'law' }]);
    for (const form of ['socialServicesLightRegime', 'openHouse', 'national'] as const) {
      const rules = legalMinimumsFor(form, { electronicSubmission: true, documentsElectronicallyAvailable: true, standstillDays: 30 });
      expect(rules).toMatchObject([{ id: 'standstillTerm', minDays: 30, source: 'aanbestedingsstukken', basis: 'tenderDocuments' }]);
      expect(rules.some((r) => r.source.includes('2.127'))).toBe(false);
      const plan = planTender({ ...zaanstad, procurementForm: form, standstillDays: 30, today: '2025-09-01' });
      expect(plan.standstillDays).toBe(30);
    }
    // Default: the 20 days of the VNG tender documents; a term of 0 means no standstill.
    expect(planTender({ ...zaanstad, procurementForm: 'socialServicesLightRegime', today: '2026-06-01' }).legalMinimums).toMatchObject([{ id: 'standstillTerm', minDays: 20 }]);
    expect(planTender({ ...zaanstad, procurementForm: 'openHouse', standstillDays: 0, today: '2025-09-01' }).standstillDays).toBe(0);
    expect(legalMinimumsFor('grant')).toEqual([]);
    // A European procedure never gets less than the law's 20 days, whatever the documents say.
    expect(legalMinimumsFor('europeanOpen', { electronicSubmission: true, documentsElectronicallyAvailable: true, standstillDays: 10 })[0]!.minDays).toBe(20);
  });

  it('keeps the table of tenders launched before 2026-12-01 for their replay only (Richtlijn 2014/24/EU art. 27)', () => {
    const before = tightest({ ...zaanstad, ruleSet: 'before-2026-12', today: '2026-06-15' });
    const now = tightest({ ...zaanstad, today: '2026-06-15' });
    expect(before.legalMinimums.find((r) => r.id === 'openProcedureTenderPeriod')).toMatchObject({ minDays: 30, source: 'Richtlijn 2014/24/EU art. 27 lid 4' });
    expect(gap(before, 'publication', 'submissionDeadline')).toBe(30);
    expect(gap(now, 'publication', 'submissionDeadline')).toBe(40);
    // The light regime's plan is the same under both tables (20 days standstill, now from the tender documents).
    const light = { ...zaanstad, procurementForm: 'socialServicesLightRegime' as const, today: '2026-01-10' };
    expect(planTender({ ...light, ruleSet: 'before-2026-12' }).milestones).toEqual(planTender(light).milestones);
  });

  it('refuses a start date that cannot fit, naming the step and the days short', () => {
    let error: unknown;
    try {
      planTender({ ...zaanstad, today: '2026-11-23' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlanError);
    const planError = error as PlanError;
    expect(planError.field).toBe('contractStart');
    // 39 days remain; onboarding needs 30, signing 3, final award 1: the standstill (20 days) no longer fits
    expect(planError.details).toMatchObject({ step: 'standstill', shortByDays: 15 });
    expect(planError.message).toContain('Opschortende termijn');
    expect(planError.message).toContain('does not fit by 15 days');
    expect(planError.message).toContain('Aanbestedingswet 2012 art. 2.127');
    // the earliest feasible start given in the message really fits, a day earlier does not
    const earliest = planError.details.earliestContractStart as string;
    expect(() => planTender({ ...zaanstad, contractStart: earliest, today: '2026-11-23' })).not.toThrow();
    expect(() => planTender({ ...zaanstad, contractStart: earliest, today: '2026-11-24' })).toThrow(PlanError);
    expect(() => planTender({ ...zaanstad, contractStart: '2027-01-01', today: '2026-11-24' })).toThrow(PlanError);
  });

  it('fits exactly at the sum of minimum durations', () => {
    const error = (() => {
      try {
        planTender({ ...zaanstad, today: '2026-11-23' });
      } catch (e) {
        return e as PlanError;
      }
    })()!;
    const needed = error.details.neededDays as number;
    const start = new Date(Date.UTC(2026, 10, 23 + needed)).toISOString().slice(0, 10);
    const plan = planTender({ ...zaanstad, contractStart: start, today: '2026-11-23' });
    expect(plan.milestones[0]!.dueDate).toBe('2026-12-13'); // 20 days of evaluation from today
  });
});

describe('shiftMilestone', () => {
  const plan = planTender({ ...zaanstad, today: '2025-09-01' });
  const due = (milestones: { key: string; dueDate: string }[], key: string) => milestones.find((m) => m.key === key)!.dueDate;
  const legal = { rules: plan.legalMinimums };

  it('moves a milestone and pushes later ones only as far as their minimums and the legal periods need (Aw 2012 art. 2.71 lid 1)', () => {
    const publication = plan.milestones.find((m) => m.key === 'publication')!;
    const result = shiftMilestone(plan.milestones, 'publication', '2026-06-20', '2025-10-01', legal);
    expect(result.moved[0]).toEqual({ key: 'publication', from: publication.dueDate, to: '2026-06-20' });
    const byKey = Object.fromEntries(result.milestones.map((m) => [m.key, m.dueDate]));
    expect(daysBetween(byKey.publication!, byKey.submissionDeadline!)).toBeGreaterThanOrEqual(40);
    expect(daysBetween(byKey.awardDecision!, byKey.standstill!)).toBeGreaterThanOrEqual(20);
    // earlier milestones stay
    expect(byKey.executiveDecision).toBe(plan.milestones.find((m) => m.key === 'executiveDecision')!.dueDate);
  });

  it('refuses a due date too soon after the previous milestone or in the past', () => {
    const award = plan.milestones.find((m) => m.key === 'awardDecision')!;
    expect(() => shiftMilestone(plan.milestones, 'standstill', award.dueDate, '2025-10-01')).toThrow(/at least 20 days after/);
    expect(() => shiftMilestone(plan.milestones, 'publication', '2025-09-30', '2025-10-01')).toThrow(/in the past/);
  });

  it('refuses a shift that would shorten the tender period, naming Aw 2012 art. 2.71 lid 1 and art. 2.74a', () => {
    const tooEarly = addDaysTo(due(plan.milestones, 'publication'), 39);
    let error: PlanError | undefined;
    try {
      shiftMilestone(plan.milestones, 'submissionDeadline', tooEarly, '2025-10-01', legal);
    } catch (e) {
      error = e as PlanError;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect(error!.field).toBe('newDueDate');
    expect(error!.message).toContain('Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a');
    expect(error!.details).toMatchObject({ rule: 'openProcedureTenderPeriod', earliest: addDaysTo(due(plan.milestones, 'publication'), 40) });
    // On the 40th day it is allowed, even though the questions round was planned to take longer.
    expect(() => shiftMilestone(plan.milestones, 'submissionDeadline', addDaysTo(due(plan.milestones, 'publication'), 40), '2025-10-01', legal)).not.toThrow();
  });

  it('keeps 6 days between the last answers and the deadline when the questions round moves (Richtlijn 2014/24/EU art. 53 lid 2)', () => {
    const deadline = due(plan.milestones, 'submissionDeadline');
    const result = shiftMilestone(plan.milestones, 'questionsAndAnswers', addDaysTo(deadline, -2), '2025-10-01', legal);
    expect(due(result.milestones, 'submissionDeadline')).toBe(addDaysTo(deadline, 4));
  });

  it('reckons the tender period from the day the notice was actually sent (Aw 2012 art. 2.71 lid 1: from sending the notice)', () => {
    const planned = due(plan.milestones, 'publication');
    expect(gap(plan, 'publication', 'submissionDeadline')).toBe(51);
    const publishedLate = addDaysTo(planned, 20);
    const actualDates = { publication: publishedLate };
    const result = reckonFromActualDate(plan.milestones, plan.legalMinimums, actualDates, 'publication');
    expect(result.moved).toEqual([{ key: 'submissionDeadline', from: addDaysTo(planned, 51), to: addDaysTo(publishedLate, 40) }]);
    // Published on time or early: nothing moves.
    expect(reckonFromActualDate(plan.milestones, plan.legalMinimums, { publication: addDaysTo(planned, -3) }, 'publication').moved).toEqual([]);
    // And a later shift is measured from the actual day too.
    expect(() => shiftMilestone(result.milestones, 'submissionDeadline', addDaysTo(publishedLate, 39), '2025-10-01', { ...legal, actualDates })).toThrow(/art\. 2\.71 lid 1/);
  });
});
