/**
 * The calendar of one contract's term: its end date, contract years, accountability periods and
 * every dated milestone (reviews, notice deadline, renewal evaluation). Pure and deterministic:
 * the contract-term workflow and the contract timeline ("the eight years on one list") both read it.
 *
 * Sources:
 * - Term, extension and the notice deadline: VNG contractstandaarden Wmo 1.3 (ALV 29 Nov 2024),
 *   art. 1.3 looptijd: start and end date, extension by whole months, the municipality says at least
 *   6 calendar months before the end whether it extends.
 * - Midterm review: the revision clause (herzieningsclausule, VNG art. 1.4) and the Zaanstad
 *   evaluation's advice to build in a moment to adjust during the term (../shared/DOMAIN.md).
 * - Reckoning of month periods that end a time limit: Regulation (EEC, Euratom) No 1182/71 art.
 *   3(2)(c) (applied to procurement time limits by Directive 2014/24/EU recital 106): a period of
 *   months from an event ends on the same date, or on the last day of the month if that date is missing.
 *
 * Conventions (all dates are ISO calendar dates, inclusive):
 * - A contract month/year anniversary is the same day-of-month N months after the start; when that
 *   day does not exist it is the 1st of the next month (2028-02-29 + 12 months → 2029-03-01). Every
 *   period runs from one anniversary to the day before the next, so periods and contract years are
 *   contiguous and a leap-day start loses no day (year 1 from 2028-02-29 runs to 2029-02-28).
 * - The end date is the day before the anniversary at term + extension months:
 *   2027-01-01 + 8 years → 2034-12-31.
 */
import { addDaysTo, addMonthsTo, type IsoDate } from './dates';
import { type AccountabilityCadence } from './glossary';
import { EXTENSION_NOTICE_MONTHS } from './legal-rules';
import { municipalYearTasks, type MunicipalYearTask } from './municipal-year';

export const DEFAULT_TERM_YEARS = 8;
export const DEFAULT_DECISION_BUFFER_DAYS = 30;
export const DEFAULT_RENEWAL_EVALUATION_LEAD_MONTHS = 24;
export const DEFAULT_REPORT_DUE_DAYS = 30;
export const DEFAULT_CONVERSATION_DUE_DAYS = 21;

export const cadenceMonths: Record<AccountabilityCadence, number> = { quarterly: 3, halfYearly: 6, yearly: 12 };

/**
 * What a contract's schedule is computed from. Requests are validated by ./schemas/contract-schedule.ts
 * (whole numbers within range, the midterm review and the notice period within the term), which fills
 * in the defaults below; computeContractSchedule trusts a validated input and fills them in the same way.
 */
export interface ContractScheduleInput {
  startDate: IsoDate;
  termYears: number;
  /** Extension granted so far, in months (sum of the extension options taken up). */
  extensionMonths: number;
  /** Months after the start of the midterm review; default halfway through the (original) term. */
  midtermReviewAfterMonths?: number;
  accountabilityCadence: AccountabilityCadence;
  /** VNG contractstandaard Wmo art. 1.3: at least 6 calendar months before the end. */
  noticePeriodMonths: number;
  /** The end decision task is due this many days before the notice deadline (alert at decision time). */
  decisionBufferDays: number;
  /** The renewal evaluation (and next tender preparation) starts this many months before the end. */
  renewalEvaluationLeadMonths: number;
  /** The provider's report is due this many days after a period ends. */
  reportDueDays: number;
  /** The accountability conversation is due this many days after the report. */
  conversationDueDays: number;
  /**
   * Budget and indexation follow the municipal (calendar) year instead of contract anniversaries
   * (./municipal-year.ts); from the agenda version that introduced it.
   */
  municipalYear: boolean;
  /**
   * The lead time of the next tender (days from its launch to the next contract start, from the tender
   * planner): the renewal evaluation is due when that tender must start, and the end decision before it.
   */
  nextTenderLeadDays?: number;
}

export const contractScheduleDefaults = {
  termYears: DEFAULT_TERM_YEARS,
  extensionMonths: 0,
  accountabilityCadence: 'quarterly',
  noticePeriodMonths: EXTENSION_NOTICE_MONTHS,
  decisionBufferDays: DEFAULT_DECISION_BUFFER_DAYS,
  renewalEvaluationLeadMonths: DEFAULT_RENEWAL_EVALUATION_LEAD_MONTHS,
  reportDueDays: DEFAULT_REPORT_DUE_DAYS,
  conversationDueDays: DEFAULT_CONVERSATION_DUE_DAYS,
  municipalYear: false,
} as const satisfies Partial<ContractScheduleInput>;

type Defaulted = keyof typeof contractScheduleDefaults;
/** The input as a request may give it: every field with a default may be left out (or undefined). */
export type ContractScheduleInputRaw = Omit<ContractScheduleInput, Defaulted> & { [K in Defaulted]?: ContractScheduleInput[K] | undefined };

/** The input with its defaults for what was left out. */
export function withScheduleDefaults(raw: ContractScheduleInputRaw): ContractScheduleInput {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  return { ...contractScheduleDefaults, ...given } as ContractScheduleInput;
}

export interface ContractYear {
  /** 1-based. */
  year: number;
  from: IsoDate;
  to: IsoDate;
}

export interface AccountabilityPeriod {
  /** 1-based, over the whole term including extensions. */
  index: number;
  from: IsoDate;
  to: IsoDate;
  /** The provider's report: `reportDueDays` after the period ends. */
  reportDue: IsoDate;
  /** The conversation about the report: `conversationDueDays` after the report is due. */
  conversationDue: IsoDate;
  /** The contract year the period lies in (every cadence divides a year, so a period never spans two). */
  contractYear: number;
}

export interface ContractSchedule {
  startDate: IsoDate;
  /** Last day of the term, inclusive, extensions included. */
  endDate: IsoDate;
  termYears: number;
  extensionMonths: number;
  /** termYears × 12 + extensionMonths. */
  totalMonths: number;
  accountabilityCadence: AccountabilityCadence;
  contractYears: ContractYear[];
  accountabilityPeriods: AccountabilityPeriod[];
  midtermReviewDate: IsoDate;
  /** Indexation review on each anniversary within the term (the start of contract years 2..n). */
  yearlyReviewDates: IsoDate[];
  /** Last day on which the extension/ending notice still leaves the full notice period (VNG art. 1.3). */
  noticeDeadline: IsoDate;
  /** The end decision task is due: notice deadline minus the decision buffer. */
  endDecisionDue: IsoDate;
  /**
   * The renewal evaluation (the first step of the next tender): the day the last
   * `renewalEvaluationLeadMonths` of the term begin, or, with `nextTenderLeadDays`, the day the next
   * tender must start (never before the start).
   */
  renewalEvaluationDue: IsoDate;
  /** With `nextTenderLeadDays`: the latest day the next tender's preparation can start. */
  nextTenderLaunch?: IsoDate;
  /** With `municipalYear`: the budget and indexation tasks per calendar year. */
  municipalYearTasks: MunicipalYearTask[];
}

/**
 * The same day-of-month `months` after `start`; when that day does not exist, the 1st of the next
 * month (the day after date-fns' clamped month end), so that consecutive periods never lose a day.
 */
export function contractAnniversary(start: IsoDate, months: number): IsoDate {
  const clamped = addMonthsTo(start, months);
  return clamped.slice(8) === start.slice(8) ? clamped : addDaysTo(clamped, 1);
}

/**
 * The last day on which a notice still gives `months` full calendar months before `endDate`: the
 * latest day D with D + months ≤ endDate, months reckoned per Reg. 1182/71 art. 3(2)(c) (same date,
 * else the last day of the month). 2034-12-31 − 6 months → 2034-06-30 (a notice on 2034-07-01 would
 * run until 2035-01-01, past the end); for an end on 2034-02-28 the deadline is 2033-08-31, the day
 * before the last six whole calendar months, not the clamped 2033-08-28.
 */
export function latestNoticeDate(endDate: IsoDate, months: number): IsoDate {
  // The clamped date `months` earlier always satisfies the rule; at month ends up to 3 later days do too.
  let latest = addMonthsTo(endDate, -months);
  while (addMonthsTo(addDaysTo(latest, 1), months) <= endDate) latest = addDaysTo(latest, 1);
  return latest;
}

/** The schedule of a validated input (./schemas/contract-schedule.ts validates requests). */
export function computeContractSchedule(raw: ContractScheduleInputRaw): ContractSchedule {
  const input = withScheduleDefaults(raw);
  const start = input.startDate;
  const termMonths = input.termYears * 12;
  const totalMonths = termMonths + input.extensionMonths;
  const endDate = addDaysTo(contractAnniversary(start, totalMonths), -1);

  const contractYears = slices(start, endDate, totalMonths, 12).map((s, i) => ({ year: i + 1, ...s }));
  const step = cadenceMonths[input.accountabilityCadence];
  const accountabilityPeriods = slices(start, endDate, totalMonths, step).map((s, i) => {
    const reportDue = addDaysTo(s.to, input.reportDueDays);
    return {
      index: i + 1,
      from: s.from,
      to: s.to,
      reportDue,
      conversationDue: addDaysTo(reportDue, input.conversationDueDays),
      contractYear: Math.floor((i * step) / 12) + 1,
    };
  });

  const midtermMonths = input.midtermReviewAfterMonths ?? termMonths / 2;
  const noticeDeadline = latestNoticeDate(endDate, input.noticePeriodMonths);
  const notBeforeStart = (date: IsoDate) => (date < start ? start : date);
  const nextTenderLaunch = input.nextTenderLeadDays === undefined ? undefined : notBeforeStart(addDaysTo(endDate, 1 - input.nextTenderLeadDays));
  const renewalEvaluationDue = nextTenderLaunch ?? contractAnniversary(start, Math.max(0, totalMonths - input.renewalEvaluationLeadMonths));
  // The extension decision comes before the notice deadline (VNG art. 1.3) and before the next tender must start.
  const decisionDeadline = nextTenderLaunch && nextTenderLaunch < noticeDeadline ? nextTenderLaunch : noticeDeadline;

  return {
    startDate: start,
    endDate,
    termYears: input.termYears,
    extensionMonths: input.extensionMonths,
    totalMonths,
    accountabilityCadence: input.accountabilityCadence,
    contractYears,
    accountabilityPeriods,
    midtermReviewDate: contractAnniversary(start, midtermMonths),
    yearlyReviewDates: input.municipalYear ? [] : contractYears.slice(1).map((y) => y.from),
    noticeDeadline,
    endDecisionDue: nextTenderLaunch ? notBeforeStart(addDaysTo(decisionDeadline, -input.decisionBufferDays)) : addDaysTo(noticeDeadline, -input.decisionBufferDays),
    renewalEvaluationDue,
    ...(nextTenderLaunch ? { nextTenderLaunch } : {}),
    municipalYearTasks: input.municipalYear ? municipalYearTasks(start, endDate) : [],
  };
}

/** Consecutive slices of `step` months from `start`; the last one is cut off at `endDate`. */
function slices(start: IsoDate, endDate: IsoDate, totalMonths: number, step: number): { from: IsoDate; to: IsoDate }[] {
  const result: { from: IsoDate; to: IsoDate }[] = [];
  for (let months = 0; months < totalMonths; months += step) {
    const to = addDaysTo(contractAnniversary(start, Math.min(months + step, totalMonths)), -1);
    result.push({ from: contractAnniversary(start, months), to: to < endDate ? to : endDate });
  }
  return result;
}

export const scheduleMilestoneKinds = [
  'accountabilityReport',
  'accountabilityConversation',
  'midtermReview',
  'indexationReview',
  'budgetCycle',
  'indexationProvisional',
  'indexationSettlement',
  'renewalEvaluation',
  'endDecision',
  'noticeDeadline',
  'termEnd',
] as const;
export type ScheduleMilestoneKind = (typeof scheduleMilestoneKinds)[number];

/** The Dutch terms users see on the timeline. */
export const scheduleMilestoneKindLabels: Record<ScheduleMilestoneKind, string> = {
  accountabilityReport: 'Verantwoordingsrapportage opdrachtnemer',
  accountabilityConversation: 'Verantwoordingsgesprek',
  midtermReview: 'Tussentijdse evaluatie (herzieningsclausule)',
  indexationReview: 'Jaarlijkse indexeringstoets',
  budgetCycle: 'Begroting: inbreng voorjaarsnota',
  indexationProvisional: 'Voorlopig indexeringspercentage',
  indexationSettlement: 'Nacalculatie indexering',
  renewalEvaluation: 'Evaluatie en voorbereiding nieuwe aanbesteding',
  endDecision: 'Besluit verlengen of beëindigen',
  noticeDeadline: 'Uiterste datum mededeling verlenging (VNG art. 1.3)',
  termEnd: 'Einde looptijd',
};

export interface ScheduleMilestone {
  /**
   * Identifies the item: `kind:p<index>` for the items of an accountability period (stable when the
   * end moves), `kind:<date>` otherwise (a moved end gives new deadlines).
   */
  key: string;
  kind: ScheduleMilestoneKind;
  date: IsoDate;
  contractYear: number;
  /** The accountability period, for reports and conversations. */
  periodIndex?: number;
}

/** Every dated item of the term, sorted by date, then in the order of `scheduleMilestoneKinds`, then by period. */
export function scheduleMilestones(schedule: ContractSchedule): ScheduleMilestone[] {
  const yearOf = (date: IsoDate) =>
    (schedule.contractYears.find((y) => date <= y.to) ?? schedule.contractYears.at(-1)!).year;
  const single = (kind: ScheduleMilestoneKind, date: IsoDate): ScheduleMilestone => ({
    key: `${kind}:${date}`,
    kind,
    date,
    contractYear: yearOf(date),
  });
  const items: ScheduleMilestone[] = [];
  for (const period of schedule.accountabilityPeriods) {
    const { index, contractYear } = period;
    items.push(
      { key: `accountabilityReport:p${index}`, kind: 'accountabilityReport', date: period.reportDue, contractYear, periodIndex: index },
      { key: `accountabilityConversation:p${index}`, kind: 'accountabilityConversation', date: period.conversationDue, contractYear, periodIndex: index },
    );
  }
  items.push(single('midtermReview', schedule.midtermReviewDate));
  for (const date of schedule.yearlyReviewDates) items.push(single('indexationReview', date));
  for (const task of schedule.municipalYearTasks) items.push(single(task.kind, task.dueDate));
  items.push(
    single('renewalEvaluation', schedule.renewalEvaluationDue),
    single('endDecision', schedule.endDecisionDue),
    single('noticeDeadline', schedule.noticeDeadline),
    single('termEnd', schedule.endDate),
  );
  const order = (kind: ScheduleMilestoneKind) => scheduleMilestoneKinds.indexOf(kind);
  return items.sort(
    (a, b) =>
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      order(a.kind) - order(b.kind) ||
      (a.periodIndex ?? 0) - (b.periodIndex ?? 0),
  );
}

/** The dated items with `from` ≤ date ≤ `to` (both inclusive), sorted as in `scheduleMilestones`. */
export function milestonesBetween(schedule: ContractSchedule, from: IsoDate, to: IsoDate): ScheduleMilestone[] {
  return scheduleMilestones(schedule).filter((m) => m.date >= from && m.date <= to);
}
