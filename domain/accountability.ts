/**
 * Accountability conversations (verantwoordingsgesprekken): checking an outcome against the
 * contract's KPIs, planning the conversation, and the Dutch texts of its messages. Pure: the
 * accountability cycle workflow and the API both use it.
 *
 * Source: the Zaanstad evaluation (../shared/DOMAIN.md): fewer KPIs, all measurable, and accountability
 * as a conversation about numbers and the stories behind them (betekenisvol verantwoorden). A KPI
 * marked not measurable takes a narrative, never a number; missing figures are listed, never zero.
 *
 * The .ics of the invitation is built in domain/accountability-ics.ts, outside workflow code.
 */
import { addDaysTo, daysBetween, type IsoDate, notificationMoment, toIsoDate, toUtcDate } from './dates';
import { roleLabels, type Role } from './glossary';
import type { Message } from './messages';
import type { KpiFigure, KpiNarrative } from './schemas/accountability';
import type { Kpi } from './schemas/tender-launch';

export interface OutcomeError {
  field: string;
  message: string;
}

export interface OutcomeAssessment {
  /** Measurable KPIs without a figure: listed, never silently zero. */
  missingFigures: string[];
  /** Non-measurable KPIs without a narrative (each one is also an error). */
  missingNarratives: string[];
  errors: OutcomeError[];
}

/** Checks figures and narratives against the KPIs; the first error is what a refusal names. */
export function assessOutcome(kpis: readonly Kpi[], outcome: { figures: readonly KpiFigure[]; narratives: readonly KpiNarrative[] }): OutcomeAssessment {
  const errors: OutcomeError[] = [];
  const byName = new Map(kpis.map((k) => [k.name, k]));
  outcome.figures.forEach((figure, i) => {
    const kpi = byName.get(figure.kpi);
    if (!kpi) {
      errors.push({ field: `figures.${i}.kpi`, message: `unknown KPI "${figure.kpi}"; the contract's KPIs are: ${[...byName.keys()].join(', ')}` });
    } else if (!kpi.measurable) {
      errors.push({ field: `figures.${i}.value`, message: `KPI "${kpi.name}" is not measurable: give a narrative, not a number` });
    } else if (outcome.figures.findIndex((f) => f.kpi === figure.kpi) !== i) {
      errors.push({ field: `figures.${i}.kpi`, message: `a second figure for KPI "${figure.kpi}"` });
    }
  });
  outcome.narratives.forEach((narrative, i) => {
    if (!byName.has(narrative.kpi)) {
      errors.push({ field: `narratives.${i}.kpi`, message: `unknown KPI "${narrative.kpi}"; the contract's KPIs are: ${[...byName.keys()].join(', ')}` });
    } else if (outcome.narratives.findIndex((n) => n.kpi === narrative.kpi) !== i) {
      errors.push({ field: `narratives.${i}.kpi`, message: `a second narrative for KPI "${narrative.kpi}"` });
    }
  });
  const missingFigures = kpis.filter((k) => k.measurable && !outcome.figures.some((f) => f.kpi === k.name)).map((k) => k.name);
  const missingNarratives = kpis.filter((k) => !k.measurable && !outcome.narratives.some((n) => n.kpi === k.name)).map((k) => k.name);
  for (const name of missingNarratives) {
    errors.push({ field: 'narratives', message: `KPI "${name}" is not measurable and needs a narrative` });
  }
  return { missingFigures, missingNarratives, errors };
}

/** The conversation is planned at this local time (Europe/Amsterdam) and lasts this long. */
export const CONVERSATION_START_HOUR_LOCAL = 10;
export const CONVERSATION_DURATION_MINUTES = 90;
/** Both sides get at least this many days' notice of the conversation. */
export const CONVERSATION_MIN_NOTICE_DAYS = 5;

function isWeekend(date: IsoDate): boolean {
  const day = toUtcDate(date).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * The day of the conversation: the last working day (Mon–Fri) on or before the due date, but with at
 * least CONVERSATION_MIN_NOTICE_DAYS' notice from `today` (a late report moves the conversation later:
 * then the first working day after the notice).
 */
export function planConversationDate(conversationDue: IsoDate, today: IsoDate): IsoDate {
  let date = conversationDue;
  while (isWeekend(date)) date = addDaysTo(date, -1);
  if (daysBetween(today, date) >= CONVERSATION_MIN_NOTICE_DAYS) return date;
  date = addDaysTo(today, CONVERSATION_MIN_NOTICE_DAYS);
  while (isWeekend(date)) date = addDaysTo(date, 1);
  return date;
}

/** The last Sunday of a month (UTC), the day EU summer time starts (March) or ends (October). */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * A wall-clock time in the Netherlands as an instant. EU summer time (Directive 2000/84/EC) runs
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October: UTC+2,
 * otherwise UTC+1. Computed, not looked up, so that it is the same in workflow replay.
 */
export function amsterdamTime(date: IsoDate, hour: number, minute = 0): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const summerStart = Date.UTC(year, 2, lastSunday(year, 2), 1);
  const summerEnd = Date.UTC(year, 9, lastSunday(year, 9), 1);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetHours = asUtc - 2 * 3_600_000 >= summerStart && asUtc - 2 * 3_600_000 < summerEnd ? 2 : 1;
  return new Date(asUtc - offsetHours * 3_600_000);
}

/** "dinsdag 12 oktober 2027 om 10:00". */
export function dutchDateTime(date: IsoDate, hour: number, minute = 0): string {
  const days = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  const d = toUtcDate(date);
  return `${days[d.getUTCDay()]} ${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} om ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export interface InvitationInput {
  contractTitle: string;
  periodIndex: number;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  date: IsoDate;
  commissioner: string;
  provider: string;
  kpis: readonly Kpi[];
  taskId: string;
}

/** Subject and text of the invitation email; the same text is the .ics description. */
export function conversationInvitationMessage(input: InvitationInput): Message {
  const when = dutchDateTime(input.date, CONVERSATION_START_HOUR_LOCAL);
  const kpiLines = input.kpis.map((k) => `- ${k.name}: ${k.definition}${k.measurable ? '' : ' (niet meetbaar: het verhaal telt)'}`).join('\n');
  return {
    subject: `[regie] Uitnodiging verantwoordingsgesprek: ${input.contractTitle}, periode ${input.periodIndex} op ${when}`,
    text:
      `Uitnodiging voor het verantwoordingsgesprek over ${input.contractTitle}, periode ${input.periodIndex} ` +
      `(${input.periodFrom} t/m ${input.periodTo}), tussen ${input.commissioner} en ${input.provider}.\n\n` +
      `Wanneer: ${when} (${CONVERSATION_DURATION_MINUTES} minuten).\n` +
      `De rapportage van ${input.provider} is binnen. In het gesprek bespreken we de cijfers en het verhaal erachter, ` +
      `maken we afspraken en leggen we vervolgacties vast, elk met een eigenaar en een datum.\n\n` +
      `Indicatoren:\n${kpiLines || '- (geen indicatoren vastgelegd)'}\n\n` +
      `Genodigden: ${roleLabels.contractManager} van ${input.commissioner} en ${roleLabels.contractContact} van ${input.provider}.\n` +
      `De agenda-uitnodiging zit als bijlage bij dit bericht.\n\nTaak: ${input.taskId}\n\n— regie`,
  };
}

export interface SecondEscalationInput {
  taskTitle: string;
  subjectTitle: string;
  role: Role;
  organisation: string;
  dueDate: IsoDate;
  firstEscalatedTo: Role;
  taskId: string;
}

/** The second escalation level: the task is still open a week after the first escalation. */
export function secondEscalationMessage(input: SecondEscalationInput): Message {
  return {
    subject: `[regie] Nog steeds te laat: ${input.taskTitle} (${input.subjectTitle}), was uiterlijk ${input.dueDate}`,
    text:
      `De taak "${input.taskTitle}" voor ${input.subjectTitle} had uiterlijk ${input.dueDate} klaar moeten zijn ` +
      `en staat nog altijd open bij ${roleLabels[input.role]} van ${input.organisation}. ` +
      `De ${roleLabels[input.firstEscalatedTo]} is een week geleden al ingelicht. U ontvangt dit bericht als manager.\n\n` +
      `Taak: ${input.taskId}\nEigenaar: ${roleLabels[input.role]}, ${input.organisation}\n\n— regie`,
  };
}

/** The second escalation level (to the commissioner's manager) follows the first by this many days. */
export const SECOND_ESCALATION_AFTER_DAYS = 7;

/**
 * When a still-open task escalates to the manager: a week after the first escalation (which is the
 * morning after the due date, or the moment of opening when already overdue), at notification time.
 */
export function secondEscalationAt(dueDate: IsoDate, firstEscalatedAt: Date): Date {
  const planned = notificationMoment(addDaysTo(dueDate, 1 + SECOND_ESCALATION_AFTER_DAYS));
  const afterFirst = notificationMoment(addDaysTo(toIsoDate(firstEscalatedAt), SECOND_ESCALATION_AFTER_DAYS));
  return planned.getTime() >= afterFirst.getTime() ? planned : afterFirst;
}
