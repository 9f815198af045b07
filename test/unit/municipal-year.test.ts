import { municipalYearTasks } from '../../domain/municipal-year';
import { nextTenderLeadDays } from '../../domain/next-tender';

describe('municipalYearTasks (the municipal year, ../shared/DOMAIN.md)', () => {
  const tasks = municipalYearTasks('2027-01-01', '2034-12-31');
  const of = (kind: string) => tasks.filter((t) => t.kind === kind).map((t) => [t.year, t.dueDate]);

  it('asks for each next year\'s budget before the spring note (1 March), from the second calendar year on', () => {
    expect(of('budgetCycle')).toEqual([2028, 2029, 2030, 2031, 2032, 2033, 2034].map((year) => [year, `${year - 1}-03-01`]));
  });

  it('indexes per calendar year: a provisional rate the autumn before and a settled rate the spring after', () => {
    expect(of('indexationProvisional')[0]).toEqual([2028, '2027-10-01']);
    expect(of('indexationSettlement')[0]).toEqual([2028, '2029-04-01']);
    // The last year's settlement (April 2035) falls after the term and is not planned by it.
    expect(of('indexationSettlement').at(-1)).toEqual([2033, '2034-04-01']);
  });

  it('never plans a task before the contract starts: the tendered price and budget hold the first year', () => {
    const late = municipalYearTasks('2027-11-15', '2029-11-14');
    expect(late.filter((t) => t.year === 2028).map((t) => [t.kind, t.dueDate])).toEqual([
      ['budgetCycle', '2027-11-15'],
      ['indexationProvisional', '2027-11-15'],
      ['indexationSettlement', '2029-04-01'],
    ]);
    expect(late.every((t) => t.dueDate >= '2027-11-15' && t.dueDate <= '2029-11-14')).toBe(true);
  });

  it('lists the tasks by due date', () => {
    const dates = tasks.map((t) => t.dueDate);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('nextTenderLeadDays', () => {
  it('is the tender planner\'s preparation at preferred durations, from the current contract\'s evaluation to onboarding', () => {
    const lead = nextTenderLeadDays('socialServicesLightRegime', '2035-01-01');
    expect(lead).toBeGreaterThan(365);
    expect(lead).toBeLessThan(2 * 365);
  });
});
