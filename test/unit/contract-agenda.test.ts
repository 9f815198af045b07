import { contractAgenda, contractYearOf } from '../../domain/contract-agenda';
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

  it('plans the yearly budget cycle 60 days before each next contract year, when switched on', () => {
    expect(agenda.some((i) => i.key.startsWith('budgetCycle:'))).toBe(false);
    const budget = contractAgenda(zaanstad, { budgetCycle: true }).filter((i) => i.key.startsWith('budgetCycle:'));
    expect(budget).toHaveLength(7);
    expect(budget[0]).toMatchObject({ key: 'budgetCycle:2027-11-02', on: '2027-10-03' });
  });

  it('tells the contract year of a day', () => {
    expect(contractYearOf(zaanstad, '2027-01-01')).toBe(1);
    expect(contractYearOf(zaanstad, '2027-12-31')).toBe(1);
    expect(contractYearOf(zaanstad, '2028-01-01')).toBe(2);
    expect(contractYearOf(zaanstad, '2034-12-31')).toBe(8);
  });
});
