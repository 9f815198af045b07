import { contractAgenda, contractTaskOwner, contractYearOf } from '../../domain/contract-agenda';
import { computeContractSchedule } from '../../domain/contract-schedule';

const zaanstad = computeContractSchedule({ startDate: '2027-01-01', termYears: 8, accountabilityCadence: 'quarterly' });

describe('contractAgenda', () => {
  const agenda = contractAgenda(zaanstad);

  it('starts each accountability cycle the day after its period ends', () => {
    const cycles = agenda.filter((i) => i.action.kind === 'startAccountabilityCycle');
    expect(cycles).toHaveLength(32);
    expect(cycles.slice(0, 2).map((i) => [i.key, i.on])).toEqual([['accountability:p1', '2027-04-01'], ['accountability:p2', '2027-07-01']]);
    expect(cycles.at(-1)!.on).toBe('2035-01-01');
  });

  it('opens the yearly, renewal and end-decision tasks 30 days before they are due, and ends the term last', () => {
    const opens = agenda.filter((i) => i.action.kind === 'openTask').map((i) => [i.key, i.on]);
    expect(opens[0]).toEqual(['indexationReview:2028-01-01', '2027-12-02']);
    expect(opens).toContainEqual(['renewalEvaluation:2033-01-01', '2032-12-02']);
    expect(opens).toContainEqual(['endDecision:2034-05-31', '2034-05-01']);
    expect(agenda.filter((i) => i.key.startsWith('indexationReview:'))).toHaveLength(7);
    expect(agenda.find((i) => i.action.kind === 'startMidtermReview')).toMatchObject({ on: '2031-01-01' });
    // The last cycle starts on the day after the end, before the term ends that same day.
    expect(agenda.slice(-2).map((i) => i.key)).toEqual(['accountability:p32', 'endTerm:2034-12-31']);
    const days = agenda.map((i) => i.on);
    expect([...days].sort()).toEqual(days);
  });

  it('plans the yearly budget cycle 60 days before each next contract year in agenda version 2', () => {
    expect(agenda.some((i) => i.key.startsWith('budgetCycle:'))).toBe(false);
    const budget = contractAgenda(zaanstad, { version: 2 }).filter((i) => i.key.startsWith('budgetCycle:'));
    expect(budget).toHaveLength(7);
    expect(budget[0]).toMatchObject({ key: 'budgetCycle:2027-11-02', on: '2027-10-03' });
  });

  describe('agenda version 3: the municipal year', () => {
    // A contract starting mid-year shows the difference between contract years and calendar years.
    const schedule = computeContractSchedule({ startDate: '2027-07-01', termYears: 8, municipalYear: true, nextTenderLeadDays: 400 });
    const v3 = contractAgenda(schedule, { version: 3 });
    const opened = (kind: string) => v3.flatMap(({ action }) => (action.kind === 'openTask' && action.task === kind ? [[action.dueDate, action.year] as const] : []));

    it('puts the budget task before the spring note of the year before, not before a contract anniversary', () => {
      // The budget for 2028 was due before the contract started (1 March 2027): asked at the start instead.
      expect(opened('budgetCycle')).toEqual([['2027-07-01', 2028], ...[2029, 2030, 2031, 2032, 2033, 2034, 2035].map((year) => [`${year - 1}-03-01`, year])]);
      expect(opened('indexationReview')).toEqual([]);
    });

    it('sets a provisional indexation rate per calendar year before the autumn budget and settles it the spring after', () => {
      expect(opened('indexationProvisional')[0]).toEqual(['2027-10-01', 2028]);
      expect(opened('indexationProvisional')).toHaveLength(8);
      // The settlement of 2034 falls in April 2035, within the term (ends 2035-06-30).
      expect(opened('indexationSettlement').map(([due]) => due)).toEqual(['2029-04-01', '2030-04-01', '2031-04-01', '2032-04-01', '2033-04-01', '2034-04-01', '2035-04-01']);
    });

    it('asks for the extension decision before the next tender must start, and evaluates when it starts (VNG art. 1.3)', () => {
      expect(schedule.nextTenderLaunch).toBe('2034-05-27');
      expect(opened('renewalEvaluation')).toEqual([['2034-05-27', undefined]]);
      // 30 days before the tender's launch, well before the notice deadline of 2034-12-31.
      expect(opened('endDecision')).toEqual([['2034-04-27', undefined]]);
      expect(schedule.noticeDeadline).toBe('2034-12-31');
    });

    it('gives the end decision to the college from version 3 on', () => {
      expect(contractTaskOwner('endDecision', 2)).toBe('manager');
      expect(contractTaskOwner('endDecision', 3)).toBe('college');
    });
  });

  it('tells the contract year of a day', () => {
    expect(contractYearOf(zaanstad, '2027-01-01')).toBe(1);
    expect(contractYearOf(zaanstad, '2027-12-31')).toBe(1);
    expect(contractYearOf(zaanstad, '2028-01-01')).toBe(2);
    expect(contractYearOf(zaanstad, '2034-12-31')).toBe(8);
  });
});
