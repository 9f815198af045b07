import { assignmentPlan, CONFIRMATION_DAYS, END_DECISION_DAYS_BEFORE_END, FINAL_REPORT_DAYS_AFTER_END } from '../../domain/supplementary/assignment-term';

const folded = { regime: 'foldedIntoContract' as const };
const own = (everyMonths: number) => ({ regime: 'own' as const, everyMonths });

describe('the term of a supplementary assignment', () => {
  it('the defaults: confirmation in 14 days, the end decision 60 days before the end, the final report 30 days after', () => {
    expect([CONFIRMATION_DAYS, END_DECISION_DAYS_BEFORE_END, FINAL_REPORT_DAYS_AFTER_END]).toEqual([14, 60, 30]);
  });

  it('the provider confirms within 14 days, before the period starts when that is sooner, never before today', () => {
    const plan = (from: string, today: string) => assignmentPlan({ period: { from, to: '2028-12-31' }, reporting: folded }, today).confirmationDue;
    expect(plan('2027-09-01', '2027-03-01')).toBe('2027-03-15');
    expect(plan('2027-03-10', '2027-03-01')).toBe('2027-03-10');
    expect(plan('2027-03-15', '2027-03-01')).toBe('2027-03-15');
    // Started already (or today): 14 days from today.
    expect(plan('2027-03-01', '2027-03-01')).toBe('2027-03-15');
    expect(plan('2027-01-01', '2027-03-01')).toBe('2027-03-15');
  });

  it('own reporting: a report every n months from the start while before the end, and a final report 30 days after the end', () => {
    const plan = assignmentPlan({ period: { from: '2027-01-01', to: '2027-12-31' }, reporting: own(3) }, '2026-12-01');
    expect(plan.reportDueDates).toEqual(['2027-04-01', '2027-07-01', '2027-10-01', '2028-01-30']);
    // A cadence date on the end itself is no interim report: the final report covers it.
    expect(assignmentPlan({ period: { from: '2027-01-01', to: '2027-07-01' }, reporting: own(6) }, '2026-12-01').reportDueDates).toEqual(['2027-07-31']);
    // Longer than the period: only the final report.
    expect(assignmentPlan({ period: { from: '2027-01-01', to: '2027-03-31' }, reporting: own(12) }, '2026-12-01').reportDueDates).toEqual(['2027-04-30']);
  });

  it('own reporting counts months from the start, so a month end stays a month end', () => {
    const plan = assignmentPlan({ period: { from: '2027-01-31', to: '2027-06-15' }, reporting: own(1) }, '2027-01-01');
    expect(plan.reportDueDates).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-07-15']);
  });

  it('folded into the contract\'s conversations: no reports of its own', () => {
    expect(assignmentPlan({ period: { from: '2027-01-01', to: '2027-12-31' }, reporting: folded }, '2026-12-01').reportDueDates).toEqual([]);
  });

  it('the end decision is due 60 days before the end, not before the start and not before today', () => {
    const due = (from: string, to: string, today: string) => assignmentPlan({ period: { from, to }, reporting: folded }, today).endDecisionDue;
    expect(due('2027-01-01', '2027-12-31', '2026-12-01')).toBe('2027-11-01');
    expect(due('2027-01-01', '2027-02-15', '2026-12-01')).toBe('2027-01-01');
    expect(due('2027-01-01', '2027-12-31', '2027-11-20')).toBe('2027-11-20');
  });
});
