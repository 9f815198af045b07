import { computeContractSchedule, contractAnniversary, latestNoticeDate, milestonesBetween, scheduleMilestones, withScheduleDefaults } from '../../domain/contract-schedule';
import { addDaysTo, addMonthsTo, daysBetween } from '../../domain/dates';
import { contractScheduleInputSchema } from '../../domain/schemas/contract-schedule';

const zaanstad = { startDate: '2027-01-01' };

/** Periods (or contract years) follow each other without gap or overlap from the start to the end. */
function expectContiguous(slices: { from: string; to: string }[], start: string, end: string) {
  expect(slices[0]!.from).toBe(start);
  expect(slices.at(-1)!.to).toBe(end);
  slices.forEach((slice, i) => {
    expect(slice.from <= slice.to).toBe(true);
    if (i > 0) expect(slice.from).toBe(addDaysTo(slices[i - 1]!.to, 1));
  });
}

describe('computeContractSchedule: Zaanstad, eight years from 2027-01-01, quarterly', () => {
  const schedule = computeContractSchedule(zaanstad);

  it('ends on the last day of the eighth year', () => {
    expect(schedule.endDate).toBe('2034-12-31');
    expect(schedule.totalMonths).toBe(96);
    expect(schedule.accountabilityCadence).toBe('quarterly');
  });

  it('has 32 quarterly periods covering the whole term, with report and conversation due dates', () => {
    const periods = schedule.accountabilityPeriods;
    expect(periods).toHaveLength(32);
    expectContiguous(periods, '2027-01-01', '2034-12-31');
    expect(periods[0]).toEqual({
      index: 1,
      from: '2027-01-01',
      to: '2027-03-31',
      reportDue: '2027-04-30', // 30 days after the period
      conversationDue: '2027-05-21', // 21 days after the report
      contractYear: 1,
    });
    expect(periods[1]).toMatchObject({ from: '2027-04-01', to: '2027-06-30', reportDue: '2027-07-30' });
    expect(periods.at(-1)).toMatchObject({
      index: 32,
      from: '2034-10-01',
      to: '2034-12-31',
      reportDue: '2035-01-30',
      conversationDue: '2035-02-20',
      contractYear: 8,
    });
    expect(periods.filter((p) => p.contractYear === 3).map((p) => p.from)).toEqual([
      '2029-01-01', '2029-04-01', '2029-07-01', '2029-10-01',
    ]);
  });

  it('has eight contract years and an indexation review on each anniversary within the term', () => {
    expect(schedule.contractYears).toHaveLength(8);
    expectContiguous(schedule.contractYears, '2027-01-01', '2034-12-31');
    expect(schedule.contractYears[7]).toEqual({ year: 8, from: '2034-01-01', to: '2034-12-31' });
    // year 1 runs at the tendered prices: reviews at the start of years 2..8
    expect(schedule.yearlyReviewDates).toEqual([
      '2028-01-01', '2029-01-01', '2030-01-01', '2031-01-01', '2032-01-01', '2033-01-01', '2034-01-01',
    ]);
  });

  it('places the midterm review halfway and the end-of-term deadlines before the end', () => {
    expect(schedule.midtermReviewDate).toBe('2031-01-01');
    // VNG art. 1.3: at least 6 calendar months before the end. A notice on 2034-06-30 leaves
    // 2034-07-01..2034-12-31; one on 2034-07-01 would run until 2035-01-01, past the end.
    expect(schedule.noticeDeadline).toBe('2034-06-30');
    expect(schedule.noticeDeadline).toBe(addMonthsTo(schedule.endDate, -6));
    expect(addMonthsTo('2034-07-01', 6) > schedule.endDate).toBe(true);
    expect(schedule.endDecisionDue).toBe('2034-05-31'); // 30 days of decision buffer
    expect(schedule.renewalEvaluationDue).toBe('2033-01-01'); // the last 24 months begin
  });

  it('takes the configured midterm point, buffer, lead time and lags', () => {
    const custom = computeContractSchedule({
      ...zaanstad,
      midtermReviewAfterMonths: 42,
      decisionBufferDays: 60,
      renewalEvaluationLeadMonths: 30,
      reportDueDays: 14,
      conversationDueDays: 7,
      noticePeriodMonths: 9,
    });
    expect(custom.midtermReviewDate).toBe('2030-07-01');
    expect(custom.noticeDeadline).toBe('2034-03-31');
    expect(custom.endDecisionDue).toBe('2034-01-30');
    expect(custom.renewalEvaluationDue).toBe('2032-07-01');
    expect(custom.accountabilityPeriods[0]).toMatchObject({ reportDue: '2027-04-14', conversationDue: '2027-04-21' });
  });
});

describe('computeContractSchedule: cadences and extensions', () => {
  it('has 8 yearly and 16 half-yearly periods', () => {
    const yearly = computeContractSchedule({ ...zaanstad, accountabilityCadence: 'yearly' });
    expect(yearly.accountabilityPeriods).toHaveLength(8);
    expect(yearly.accountabilityPeriods.map((p) => p.contractYear)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(yearly.accountabilityPeriods[0]).toMatchObject({ from: '2027-01-01', to: '2027-12-31', reportDue: '2028-01-30' });
    const halfYearly = computeContractSchedule({ ...zaanstad, accountabilityCadence: 'halfYearly' });
    expect(halfYearly.accountabilityPeriods).toHaveLength(16);
    expectContiguous(halfYearly.accountabilityPeriods, '2027-01-01', '2034-12-31');
    expect(halfYearly.accountabilityPeriods[1]).toMatchObject({ from: '2027-07-01', to: '2027-12-31', contractYear: 1 });
  });

  it('moves the end, the deadlines and adds periods and years when 24 months of extension are granted', () => {
    const extended = computeContractSchedule({ ...zaanstad, extensionMonths: 24 });
    expect(extended.endDate).toBe('2036-12-31');
    expect(extended.accountabilityPeriods).toHaveLength(40);
    expectContiguous(extended.accountabilityPeriods, '2027-01-01', '2036-12-31');
    expect(extended.contractYears).toHaveLength(10);
    expect(extended.yearlyReviewDates.at(-1)).toBe('2036-01-01');
    expect(extended.noticeDeadline).toBe('2036-06-30');
    expect(extended.renewalEvaluationDue).toBe('2035-01-01');
    // the midterm review belongs to the original term
    expect(extended.midtermReviewDate).toBe('2031-01-01');
  });

  it('ends a partial last period and contract year at the end date', () => {
    const extended = computeContractSchedule({ ...zaanstad, extensionMonths: 8 });
    expect(extended.endDate).toBe('2035-08-31');
    expect(extended.accountabilityPeriods).toHaveLength(35);
    expect(extended.accountabilityPeriods.at(-1)).toMatchObject({ index: 35, from: '2035-07-01', to: '2035-08-31', contractYear: 9 });
    expect(extended.contractYears.at(-1)).toEqual({ year: 9, from: '2035-01-01', to: '2035-08-31' });
    expect(extended.noticeDeadline).toBe('2035-02-28');
  });
});

describe('computeContractSchedule: leap years and month ends', () => {
  it('starts on a leap day without losing a day in any contract year', () => {
    const schedule = computeContractSchedule({ startDate: '2028-02-29' });
    expect(schedule.endDate).toBe('2036-02-28');
    expectContiguous(schedule.contractYears, '2028-02-29', '2036-02-28');
    expect(schedule.contractYears[0]).toEqual({ year: 1, from: '2028-02-29', to: '2029-02-28' });
    // the anniversary of a leap day is 1 March in common years, 29 February in leap years
    expect(schedule.yearlyReviewDates).toEqual([
      '2029-03-01', '2030-03-01', '2031-03-01', '2032-02-29', '2033-03-01', '2034-03-01', '2035-03-01',
    ]);
    for (const year of schedule.contractYears) {
      expect([365, 366]).toContain(daysBetween(year.from, addDaysTo(year.to, 1)));
    }
    expect(schedule.accountabilityPeriods).toHaveLength(32);
    expectContiguous(schedule.accountabilityPeriods, '2028-02-29', '2036-02-28');
    expect(schedule.accountabilityPeriods[0]).toMatchObject({ from: '2028-02-29', to: '2028-05-28' });
    expect(schedule.midtermReviewDate).toBe('2032-02-29');
    // 2036 is a leap year: the end 2036-02-28 is not a month end, so the plain subtraction holds
    expect(schedule.noticeDeadline).toBe('2035-08-28');
  });

  it('rolls a missing day over to the 1st of the next month, so periods stay contiguous', () => {
    expect(contractAnniversary('2027-01-31', 1)).toBe('2027-03-01');
    expect(contractAnniversary('2027-01-31', 3)).toBe('2027-05-01');
    expect(contractAnniversary('2027-01-31', 6)).toBe('2027-07-31');
    const schedule = computeContractSchedule({ startDate: '2027-01-31', termYears: 1 });
    expect(schedule.endDate).toBe('2028-01-30');
    expect(schedule.accountabilityPeriods.map((p) => [p.from, p.to])).toEqual([
      ['2027-01-31', '2027-04-30'],
      ['2027-05-01', '2027-07-30'],
      ['2027-07-31', '2027-10-30'],
      ['2027-10-31', '2028-01-30'],
    ]);
  });

  it('puts the notice deadline on the last day before the final six whole months when the term ends at a month end', () => {
    // ends 2034-02-28: the last six months are September..February, so 31 August is still in time
    const schedule = computeContractSchedule({ startDate: '2026-03-01' });
    expect(schedule.endDate).toBe('2034-02-28');
    expect(schedule.noticeDeadline).toBe('2033-08-31');
    expect(addMonthsTo(schedule.endDate, -6)).toBe('2033-08-28'); // the plain subtraction would be 3 days early
    expect(latestNoticeDate('2034-08-30', 6)).toBe('2034-02-28');
    expect(latestNoticeDate('2034-06-30', 6)).toBe('2033-12-31');
    expect(latestNoticeDate('2034-12-31', 6)).toBe('2034-06-30');
  });

  it('gives the latest day D with D + notice months not after the end, for every end date of a year', () => {
    for (let end = '2033-01-01'; end <= '2034-12-31'; end = addDaysTo(end, 1)) {
      const deadline = latestNoticeDate(end, 6);
      expect(addMonthsTo(deadline, 6) <= end).toBe(true);
      expect(addMonthsTo(addDaysTo(deadline, 1), 6) > end).toBe(true);
    }
  });
});

describe('contractScheduleInputSchema', () => {
  it('fills the defaults', () => {
    expect(contractScheduleInputSchema.parse(zaanstad)).toEqual({
      startDate: '2027-01-01',
      termYears: 8,
      extensionMonths: 0,
      accountabilityCadence: 'quarterly',
      noticePeriodMonths: 6,
      decisionBufferDays: 30,
      renewalEvaluationLeadMonths: 24,
      reportDueDays: 30,
      conversationDueDays: 21,
      municipalYear: false,
    });
  });

  it('refuses invalid dates and points outside the term', () => {
    expect(contractScheduleInputSchema.safeParse({ startDate: '2027-02-29' }).success).toBe(false);
    expect(contractScheduleInputSchema.safeParse({ ...zaanstad, midtermReviewAfterMonths: 96 }).success).toBe(false);
    expect(contractScheduleInputSchema.safeParse({ ...zaanstad, termYears: 0 }).success).toBe(false);
    expect(contractScheduleInputSchema.safeParse({ ...zaanstad, accountabilityCadence: 'monthly' }).success).toBe(false);
    expect(contractScheduleInputSchema.safeParse({ ...zaanstad, extensionMonths: 1.5 }).success).toBe(false);
  });

  it('fills in the same defaults as the schedule computation, which workflows run without zod', () => {
    const inputs = [
      zaanstad,
      { ...zaanstad, termYears: 4, midtermReviewAfterMonths: undefined, accountabilityCadence: undefined },
      { ...zaanstad, extensionMonths: 12, municipalYear: true, nextTenderLeadDays: 300, reportDueDays: 0 },
    ];
    for (const input of inputs) expect(withScheduleDefaults(input)).toEqual(contractScheduleInputSchema.parse(input));
  });
});

describe('milestonesBetween', () => {
  const schedule = computeContractSchedule(zaanstad);

  it('lists the whole term on one list, sorted, with unique keys', () => {
    const all = scheduleMilestones(schedule);
    // 32 reports + 32 conversations + midterm + 7 indexation reviews + renewal + decision + notice + end
    expect(all).toHaveLength(32 * 2 + 1 + 7 + 4);
    expect(new Set(all.map((m) => m.key)).size).toBe(all.length);
    expect(all.map((m) => m.date)).toEqual([...all.map((m) => m.date)].sort());
    expect(milestonesBetween(schedule, '2027-01-01', '2035-12-31')).toEqual(all);
    expect(all.at(-1)).toMatchObject({ kind: 'accountabilityConversation', date: '2035-02-20', periodIndex: 32, contractYear: 8 });
  });

  it('lists the items of a window, both ends inclusive', () => {
    expect(milestonesBetween(schedule, '2030-12-01', '2031-02-28')).toEqual([
      // same date: in the order of the kinds
      { key: 'midtermReview:2031-01-01', kind: 'midtermReview', date: '2031-01-01', contractYear: 5 },
      { key: 'indexationReview:2031-01-01', kind: 'indexationReview', date: '2031-01-01', contractYear: 5 },
      { key: 'accountabilityReport:p16', kind: 'accountabilityReport', date: '2031-01-30', contractYear: 4, periodIndex: 16 },
      { key: 'accountabilityConversation:p16', kind: 'accountabilityConversation', date: '2031-02-20', contractYear: 4, periodIndex: 16 },
    ]);
    expect(milestonesBetween(schedule, '2027-04-30', '2027-04-30').map((m) => m.key)).toEqual(['accountabilityReport:p1']);
    expect(milestonesBetween(schedule, '2027-05-01', '2027-05-20')).toEqual([]);
  });

  it('shows the end of the term in order: renewal evaluation, decision, notice deadline, end', () => {
    const kinds = milestonesBetween(schedule, '2033-01-01', '2034-12-31')
      .filter((m) => !m.kind.startsWith('accountability'))
      .map((m) => [m.kind, m.date, m.contractYear]);
    expect(kinds).toEqual([
      ['indexationReview', '2033-01-01', 7],
      ['renewalEvaluation', '2033-01-01', 7],
      ['indexationReview', '2034-01-01', 8],
      ['endDecision', '2034-05-31', 8],
      ['noticeDeadline', '2034-06-30', 8],
      ['termEnd', '2034-12-31', 8],
    ]);
  });
});
