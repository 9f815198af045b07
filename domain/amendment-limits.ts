/**
 * How far a running contract may be changed without a new tender, and when a revision may take
 * effect. Pure and exact: amounts are integer cents, every comparison is done on integers (BigInt).
 *
 * Sources:
 * - Aanbestedingswet 2012 art. 2.163b, implementing Directive 2014/24/EU art. 72(2): a contract may
 *   be modified without a new procedure when the value of the modification is below ("lager is dan")
 *   both the EU threshold and 10% of the initial contract value for services and supplies (15% for
 *   works), and the modification does not alter the overall nature of the contract (not checked here:
 *   that is a judgement recorded with the decision). "Below" is strict: a change exactly at a limit is
 *   not allowed.
 * - Successive modifications: "the value shall be assessed on the basis of the net cumulative value
 *   of the successive modifications" (art. 72(2), last subparagraph). So changes are summed with their
 *   sign (an increase and a later equal decrease cancel out) and the absolute value of that net sum is
 *   compared with the limits. Every amendment and every bundle added to the contract counts.
 * - With an indexation clause the updated (indexed) price is the reference value (art. 72(3)): pass the
 *   indexed initial value as `initialValueCents` then.
 * - For social and other specific services the threshold is EUR 750,000 (Directive art. 4(d); Aw 2012
 *   art. 2.38), `SOCIAL_SERVICES_EU_THRESHOLD_CENTS`.
 * - Revision clause, VNG contractstandaarden Wmo 1.3 art. 1.4: a revision takes effect at most 6
 *   months after it is decided, recorded in a written addendum.
 */
import { addMonthsTo, isIsoDate, type IsoDate } from './dates';
import {
  AMENDMENT_LIMIT_PERCENT_SERVICES,
  REVISION_MAX_MONTHS_AFTER_DECISION,
  SOCIAL_SERVICES_EU_THRESHOLD_CENTS,
} from './legal-rules';

/** From this share of the limit on (inclusive) the assessment carries a warning: warn before it is crossed. */
export const AMENDMENT_WARNING_PERCENT = 80;

/** EUR 10 billion: far above any municipal contract, and low enough that every sum stays an exact integer. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

export interface AmendmentAssessmentInput {
  /** The initial contract value (indexed, when the contract has an indexation clause). */
  initialValueCents: number;
  /** The value changes already made (amendments, bundles added), signed: a decrease is negative. */
  previousChangesCents?: readonly number[];
  /** The change now proposed, signed. */
  proposedChangeCents: number;
  /** The EU threshold that applies; default the one for social and other specific services. */
  threshold?: number;
}

/** At most this many earlier changes are summed. */
export const MAX_PREVIOUS_CHANGES = 1000;

/** What makes an input impossible to assess (amounts must be whole cents within range), or undefined. */
export function amendmentInputProblem(input: AmendmentAssessmentInput): { field: string; message: string } | undefined {
  const wholeCents = (field: string, value: number, min: number): { field: string; message: string } | undefined =>
    Number.isSafeInteger(value) && value >= min && value <= MAX_AMOUNT_CENTS
      ? undefined
      : { field, message: `must be whole cents from ${min} to ${MAX_AMOUNT_CENTS}, not ${value}` };
  const previous = input.previousChangesCents ?? [];
  if (previous.length > MAX_PREVIOUS_CHANGES) return { field: 'previousChangesCents', message: `at most ${MAX_PREVIOUS_CHANGES} changes` };
  return (
    wholeCents('initialValueCents', input.initialValueCents, 1) ??
    previous.map((cents, i) => wholeCents(`previousChangesCents.${i}`, cents, -MAX_AMOUNT_CENTS)).find(Boolean) ??
    wholeCents('proposedChangeCents', input.proposedChangeCents, -MAX_AMOUNT_CENTS) ??
    (input.threshold === undefined ? undefined : wholeCents('threshold', input.threshold, 1))
  );
}

export type AmendmentLimitKind = 'euThreshold' | 'percentOfInitial';

export interface AmendmentAssessment {
  allowed: boolean;
  /** Net cumulative change including the proposal, signed. */
  cumulativeChangeCents: number;
  /**
   * The binding limit: the absolute net change must stay strictly below it. The lower of the EU
   * threshold and 10% of the initial value, the latter rounded up to whole cents (so that "strictly
   * below" stays exact when 10% is not a whole number of cents).
   */
  limitCents: number;
  /** Which limit binds (on a tie, the EU threshold). */
  bindingLimit: AmendmentLimitKind;
  /** The net cumulative change as a percentage of the initial value, signed, rounded to 2 decimals (display only). */
  percentOfInitial: number;
  /** The absolute net change as a percentage of the binding limit, rounded to 2 decimals (display only). */
  percentOfLimit: number;
  /** How much more the net change may move away from zero in its current direction and still be allowed; 0 when not allowed. */
  remainingCents: number;
  /** Dutch and English, when allowed but at or above 80% of the limit. */
  warning?: string;
  /** Dutch and English, when not allowed: which limit, and by how much it is reached or crossed. */
  reason?: string;
}

/** Throws a RangeError when the input is impossible to assess (see amendmentInputProblem). */
export function assessAmendment(input: AmendmentAssessmentInput): AmendmentAssessment {
  const problem = amendmentInputProblem(input);
  if (problem) throw new RangeError(`${problem.field}: ${problem.message}`);
  const initial = BigInt(input.initialValueCents);
  const threshold = BigInt(input.threshold ?? SOCIAL_SERVICES_EU_THRESHOLD_CENTS);
  const net = [...(input.previousChangesCents ?? []), input.proposedChangeCents].reduce((sum, c) => sum + BigInt(c), 0n);
  const size = net < 0n ? -net : net;

  // |net| < initial × 10 / 100  ⇔  |net| × 100 < initial × 10; its whole-cent limit is ceil(initial × 10 / 100).
  const percent = BigInt(AMENDMENT_LIMIT_PERCENT_SERVICES);
  const percentLimit = ceilDiv(initial * percent, 100n);
  const bindingLimit: AmendmentLimitKind = threshold <= percentLimit ? 'euThreshold' : 'percentOfInitial';
  const limit = bindingLimit === 'euThreshold' ? threshold : percentLimit;
  const belowThreshold = size < threshold;
  const belowPercent = size * 100n < initial * percent;
  const allowed = belowThreshold && belowPercent;

  const result: AmendmentAssessment = {
    allowed,
    cumulativeChangeCents: Number(net),
    limitCents: Number(limit),
    bindingLimit,
    percentOfInitial: roundedPercent(net, initial),
    percentOfLimit: roundedPercent(size, limit),
    remainingCents: allowed ? Number(limit - 1n - size) : 0,
  };

  if (!allowed) {
    const crossed: string[] = [];
    if (!belowThreshold) {
      const over = size - threshold;
      crossed.push(
        `EU-drempel ${euro(threshold)} ${over === 0n ? 'bereikt' : `met ${euro(over)} overschreden`} / ` +
          `EU threshold ${euro(threshold)} ${over === 0n ? 'reached' : `exceeded by ${euro(over)}`}`,
      );
    }
    if (!belowPercent) {
      const over = size * 100n - initial * percent; // in hundredths of a cent
      const overCents = ceilDiv(over, 100n);
      crossed.push(
        `${percent}% van de initiële waarde (${euro(initial)}) ${over === 0n ? 'bereikt' : `met ${euro(overCents)} overschreden`} / ` +
          `${percent}% of the initial value (${euro(initial)}) ${over === 0n ? 'reached' : `exceeded by ${euro(overCents)}`}`,
      );
    }
    result.reason =
      `Netto gecumuleerde wijziging ${euro(net)} moet lager zijn dan de grens; ${crossed.join('; ')}. ` +
      `Wijzigen zonder nieuwe aanbesteding is niet toegestaan (Aanbestedingswet 2012 art. 2.163b). / ` +
      `The net cumulative change of ${euro(net)} must stay below the limit: this needs a new tender ` +
      `(Aw 2012 art. 2.163b; Directive 2014/24/EU art. 72(2)).`;
  } else if (size * 100n >= limit * BigInt(AMENDMENT_WARNING_PERCENT)) {
    result.warning =
      `Let op: de netto gecumuleerde wijziging (${euro(net)}) is ${result.percentOfLimit}% van de grens ` +
      `(${euro(limit)}); nog ${euro(BigInt(result.remainingCents))} ruimte voor wijzigen zonder nieuwe aanbesteding ` +
      `(Aw 2012 art. 2.163b). / Warning: the net cumulative change (${euro(net)}) is ${result.percentOfLimit}% of the ` +
      `limit (${euro(limit)}); ${euro(BigInt(result.remainingCents))} left before a new tender is needed.`;
  }
  return result;
}

/**
 * VNG contractstandaard Wmo art. 1.4: a revision takes effect at most 6 months after the decision
 * (reckoned as the same date 6 months later, or that month's last day). Returns a Dutch and English
 * message when the effective date is not allowed, else undefined.
 */
export function assertRevisionEffectiveDate(decidedOn: IsoDate, effectiveOn: IsoDate): string | undefined {
  for (const [name, value] of [['decidedOn', decidedOn], ['effectiveOn', effectiveOn]] as const) {
    if (!isIsoDate(value)) {
      return `Ongeldige datum voor ${name}: "${value}" / Invalid date for ${name}: "${value}"`;
    }
  }
  if (effectiveOn < decidedOn) {
    return `De herziening kan niet ingaan (${effectiveOn}) vóór het besluit (${decidedOn}). / ` +
      `A revision cannot take effect (${effectiveOn}) before it is decided (${decidedOn}).`;
  }
  const latest = addMonthsTo(decidedOn, REVISION_MAX_MONTHS_AFTER_DECISION);
  if (effectiveOn > latest) {
    return `Een herziening gaat uiterlijk ${REVISION_MAX_MONTHS_AFTER_DECISION} maanden na het besluit in ` +
      `(VNG contractstandaard Wmo art. 1.4): uiterlijk ${latest}, niet ${effectiveOn}. / A revision takes effect at most ` +
      `${REVISION_MAX_MONTHS_AFTER_DECISION} months after the decision (VNG art. 1.4): by ${latest}, not ${effectiveOn}.`;
  }
  return undefined;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return a % b === 0n ? a / b : a / b + (a > 0n ? 1n : 0n);
}

/** value / of × 100, rounded half away from zero to 2 decimals, from integers. */
function roundedPercent(value: bigint, of: bigint): number {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const hundredths = (abs * 10_000n * 2n + of) / (of * 2n); // round half up
  const result = Number(hundredths) / 100;
  return negative ? -result : result;
}

/** € 1.234.567,89 and € -12,50 (Dutch notation), from cents. */
function euro(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fraction = (abs % 100n).toString().padStart(2, '0');
  return `€ ${negative ? '-' : ''}${whole},${fraction}`;
}
