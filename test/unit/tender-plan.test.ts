import { daysBetween } from '../../domain/dates';
import { legalMinimumsFor } from '../../domain/legal-rules';
import { PlanError, planTender, shiftMilestone } from '../../domain/tender-plan';

const zaanstad = { procurementForm: 'europeanOpen' as const, electronicSubmission: true, contractStart: '2027-01-01' };

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

  it('keeps every legal minimum when the plan is compressed', () => {
    const plan = planTender({ ...zaanstad, electronicSubmission: false, today: '2026-05-01' });
    expect(daysBetween('2026-05-01', plan.milestones[0]!.dueDate)).toBeGreaterThanOrEqual(20);
    expect(gap(plan, 'awardDecision', 'standstill')).toBeGreaterThanOrEqual(20); // Aw 2012 art. 2.127
    expect(gap(plan, 'publication', 'submissionDeadline')).toBeGreaterThanOrEqual(35); // art. 2.71
    expect(gap(plan, 'questionsAndAnswers', 'submissionDeadline')).toBeGreaterThanOrEqual(6);
    // the whole window is used: the first step starts today, not earlier
    const firstDuration = daysBetween('2026-05-01', plan.milestones[0]!.dueDate);
    expect(firstDuration).toBeLessThan(60);
  });

  it('allows 30 days for electronic submission and none of the standstill rules for open house', () => {
    expect(legalMinimumsFor('europeanOpen', true).map((r) => r.minDays)).toContain(30);
    expect(legalMinimumsFor('europeanOpen', true).map((r) => r.minDays)).not.toContain(35);
    const openHouse = planTender({ ...zaanstad, procurementForm: 'openHouse', today: '2025-09-01' });
    expect(openHouse.standstillDays).toBe(0);
    expect(openHouse.legalMinimums).toEqual([]);
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

  it('moves a milestone and pushes later ones only as far as their minimums need', () => {
    const publication = plan.milestones.find((m) => m.key === 'publication')!;
    const result = shiftMilestone(plan.milestones, 'publication', '2026-06-20', '2025-10-01');
    expect(result.moved[0]).toEqual({ key: 'publication', from: publication.dueDate, to: '2026-06-20' });
    const byKey = Object.fromEntries(result.milestones.map((m) => [m.key, m.dueDate]));
    expect(daysBetween(byKey.publication!, byKey.submissionDeadline!)).toBeGreaterThanOrEqual(30);
    expect(daysBetween(byKey.awardDecision!, byKey.standstill!)).toBeGreaterThanOrEqual(20);
    // earlier milestones stay
    expect(byKey.executiveDecision).toBe(plan.milestones.find((m) => m.key === 'executiveDecision')!.dueDate);
  });

  it('refuses a due date too soon after the previous milestone or in the past', () => {
    const award = plan.milestones.find((m) => m.key === 'awardDecision')!;
    expect(() => shiftMilestone(plan.milestones, 'standstill', award.dueDate, '2025-10-01')).toThrow(/at least 20 days after/);
    expect(() => shiftMilestone(plan.milestones, 'publication', '2025-09-30', '2025-10-01')).toThrow(/in the past/);
  });
});
