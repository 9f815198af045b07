/**
 * The legal ground of a change to a running contract. Modifying a public contract without a new
 * procedure needs a ground (Aw 2012 art. 2.163a: otherwise a new procedure), recorded with the change;
 * an "override" is not one. Pure: the contract term and the midterm review call it, and later the
 * intake of supplementary assignments (aanvullende opdrachten) will too: a supplementary assignment is
 * a change like any other and names its ground the same way.
 *
 * Sources (verified in public texts; see the report of issue 10 for the addresses):
 * - art. 2.163b (de minimis, Directive 2014/24/EU art. 72(2)): the net cumulative change under this
 *   ground stays below the EU threshold and below 10% of the initial value for services
 *   (`assessAmendment` in ./amendment-limits).
 * - art. 2.163c (Directive art. 72(1)(a)): a change provided for in clear, precise and unequivocal
 *   review clauses of the original documents, stating the extent and nature of possible changes and
 *   the conditions for using them, whatever its monetary value. The VNG contractstandaard Wmo art. 1.4.1
 *   lists the contract's own change options with nature, extent and conditions: a change within one
 *   is lawful; beyond its written extent it is not covered by the clause.
 * - art. 2.163d (Directive art. 72(1)(b)): additional services that became necessary and were not in
 *   the original contract, where a change of contractor is not possible; each such change at most 50%
 *   of the initial value (the limit applies to every change separately).
 * - Open house and grants are not public contracts in this sense: no 2.163b check applies to them.
 */
import { type AmendmentAssessment, assessAmendment } from './amendment-limits';
import type { ProcurementForm } from './glossary';
import type { ChangeOption } from './schemas/contract-terms';

export const changeGrounds = ['deMinimis', 'changeOption', 'additionalServices'] as const;
export type ChangeGround = (typeof changeGrounds)[number];

export const changeGroundArticles: Record<ChangeGround, string> = {
  deMinimis: 'Aw 2012 art. 2.163b',
  changeOption: 'Aw 2012 art. 2.163c (VNG art. 1.4.1)',
  additionalServices: 'Aw 2012 art. 2.163d',
};

export const changeGroundLabels: Record<ChangeGround, string> = {
  deMinimis: 'Kleine wijziging (de-minimis)',
  changeOption: 'Wijzigingsoptie in het contract (herzieningsclausule)',
  additionalServices: 'Aanvullende diensten',
};

/** Art. 2.163d: each change for additional services is at most 50% of the initial value. */
export const ADDITIONAL_SERVICES_MAX_PERCENT = 50;

/** Forms that are not public contracts in the sense of the Aanbestedingswet: no 2.163b limit. */
export const formsWithoutDeMinimisCheck: readonly ProcurementForm[] = ['openHouse', 'grant'];

/** The ground a change claims, as a request names it (validated by ./schemas/change-grounds.ts). */
export interface ChangeGroundInput {
  basis: ChangeGround;
  /** With 'changeOption': the id of the contract's change option used. */
  changeOptionId?: string;
  /** Why this ground applies; required for additional services. */
  reason?: string;
}

/** The net changes made so far under each ground, signed cents: one cumulative total per ground. */
export interface ChangeTotals {
  byGround: Record<ChangeGround, number>;
  /** Per change option (art. 2.163c): its net use, against the extent written in the contract. */
  byChangeOption: Record<string, number>;
}

export function emptyChangeTotals(): ChangeTotals {
  return { byGround: { deMinimis: 0, changeOption: 0, additionalServices: 0 }, byChangeOption: {} };
}

/**
 * Totals from before the grounds were recorded: every change then was checked against art. 2.163b
 * (or overridden), so all of it counts towards the de minimis total.
 */
export function changeTotalsFromLegacy(amendmentsCents: readonly number[]): ChangeTotals {
  const totals = emptyChangeTotals();
  totals.byGround.deMinimis = amendmentsCents.reduce((sum, c) => sum + c, 0);
  return totals;
}

/** The totals after a change was made under its ground. */
export function addChange(totals: ChangeTotals, ground: ChangeGroundInput, valueChangeCents: number): ChangeTotals {
  const next: ChangeTotals = { byGround: { ...totals.byGround }, byChangeOption: { ...totals.byChangeOption } };
  next.byGround[ground.basis] += valueChangeCents;
  if (ground.basis === 'changeOption' && ground.changeOptionId) {
    next.byChangeOption[ground.changeOptionId] = (next.byChangeOption[ground.changeOptionId] ?? 0) + valueChangeCents;
  }
  return next;
}

export interface ChangeContext {
  initialValueCents: number;
  procurementForm?: ProcurementForm;
  changeOptions: readonly ChangeOption[];
  totals: ChangeTotals;
  /** The EU threshold for art. 2.163b; default the one for social and other specific services. */
  threshold?: number;
}

export interface ChangeGroundAssessment {
  allowed: boolean;
  ground: ChangeGroundInput & { article: string };
  /** The net total under this ground (for a change option: under that option) including this change, signed. */
  cumulativeChangeCents: number;
  /** The limit of this ground for this change, when it has one. */
  limitCents?: number;
  /** With art. 2.163b: the full de minimis assessment (binding limit, percentages, remaining room). */
  deMinimis?: AmendmentAssessment;
  /** Dutch and English, when allowed but close to a limit. */
  warning?: string;
  /** Dutch and English, when not allowed: which article, and that the change needs a new procedure. */
  reason?: string;
  /** The request field the refusal is about. */
  field?: string;
  /** Dutch, when no check applies (open house, grant). */
  note?: string;
}

const NEW_PROCEDURE =
  'Zonder geldige grond vergt deze wijziging een nieuwe aanbestedingsprocedure (Aw 2012 art. 2.163a). / ' +
  'Without a valid ground this change needs a new procurement procedure (Aw 2012 art. 2.163a).';

/** Checks a proposed change against the ground it claims. */
export function assessChange(context: ChangeContext, ground: ChangeGroundInput, valueChangeCents: number): ChangeGroundAssessment {
  const recorded = { ...ground, article: changeGroundArticles[ground.basis] };
  const cumulative = (context.totals.byGround[ground.basis] ?? 0) + valueChangeCents;
  switch (ground.basis) {
    case 'deMinimis':
      return assessDeMinimis(context, recorded, valueChangeCents, cumulative);
    case 'changeOption':
      return assessChangeOption(context, recorded, valueChangeCents);
    case 'additionalServices':
      return assessAdditionalServices(context, recorded, valueChangeCents, cumulative);
  }
}

function assessDeMinimis(context: ChangeContext, ground: ChangeGroundAssessment['ground'], valueChangeCents: number, cumulative: number): ChangeGroundAssessment {
  if (context.procurementForm && formsWithoutDeMinimisCheck.includes(context.procurementForm)) {
    return {
      allowed: true,
      ground,
      cumulativeChangeCents: cumulative,
      note: 'Open house en subsidie zijn geen overheidsopdracht in de zin van de Aanbestedingswet: geen toets aan art. 2.163b.',
    };
  }
  const deMinimis = assessAmendment({
    initialValueCents: context.initialValueCents,
    previousChangesCents: [context.totals.byGround.deMinimis],
    proposedChangeCents: valueChangeCents,
    ...(context.threshold ? { threshold: context.threshold } : {}),
  });
  return {
    allowed: deMinimis.allowed,
    ground,
    cumulativeChangeCents: deMinimis.cumulativeChangeCents,
    limitCents: deMinimis.limitCents,
    deMinimis,
    ...(deMinimis.warning ? { warning: deMinimis.warning } : {}),
    ...(deMinimis.allowed ? {} : { reason: `${deMinimis.reason} ${NEW_PROCEDURE}`, field: 'valueChangeCents' }),
  };
}

function assessChangeOption(context: ChangeContext, ground: ChangeGroundAssessment['ground'], valueChangeCents: number): ChangeGroundAssessment {
  const option = context.changeOptions.find((o) => o.id === ground.changeOptionId);
  if (!option) {
    const known = context.changeOptions.map((o) => o.id);
    return {
      allowed: false,
      ground,
      cumulativeChangeCents: valueChangeCents,
      field: 'ground.changeOptionId',
      reason:
        `Het contract kent geen wijzigingsoptie "${ground.changeOptionId}" (VNG art. 1.4.1; Aw 2012 art. 2.163c vereist een ` +
        `herzieningsclausule in de oorspronkelijke stukken)${known.length ? `; wel: ${known.join(', ')}` : '; het contract heeft er geen'}. ` +
        `/ The contract has no change option "${ground.changeOptionId}". ${NEW_PROCEDURE}`,
    };
  }
  const cumulative = (context.totals.byChangeOption[option.id] ?? 0) + valueChangeCents;
  const size = Math.abs(cumulative);
  const limits: number[] = [];
  if (option.maxValueChangeCents !== undefined) limits.push(option.maxValueChangeCents);
  // percent × initial / 100, floored to whole cents: the extent is "at most", so the cent above is out.
  if (option.maxPercentOfInitial !== undefined) limits.push(Math.floor((option.maxPercentOfInitial * context.initialValueCents) / 100));
  const limit = Math.min(...limits);
  if (size > limit) {
    return {
      allowed: false,
      ground,
      cumulativeChangeCents: cumulative,
      limitCents: limit,
      field: 'valueChangeCents',
      reason:
        `De wijzigingsoptie "${option.id}" (${option.nature}) reikt tot ${euro(limit)} netto; met deze wijziging wordt dat ${euro(cumulative)}. ` +
        `Buiten de omvang die het contract noemt, dekt de herzieningsclausule de wijziging niet (VNG art. 1.4.1; Aw 2012 art. 2.163c). / ` +
        `Change option "${option.id}" reaches ${euro(limit)} net; this change makes it ${euro(cumulative)}, beyond its written extent. ${NEW_PROCEDURE}`,
    };
  }
  return {
    allowed: true,
    ground: { ...ground, reason: ground.reason ?? `Binnen wijzigingsoptie "${option.id}": ${option.nature}; voorwaarden: ${option.conditions}` },
    cumulativeChangeCents: cumulative,
    limitCents: limit,
  };
}

function assessAdditionalServices(context: ChangeContext, ground: ChangeGroundAssessment['ground'], valueChangeCents: number, cumulative: number): ChangeGroundAssessment {
  // At most 50% of the initial value, for each change separately: value × 100 ≤ initial × 50.
  const limit = Math.floor((context.initialValueCents * ADDITIONAL_SERVICES_MAX_PERCENT) / 100);
  if (valueChangeCents <= 0) {
    return {
      allowed: false,
      ground,
      cumulativeChangeCents: cumulative,
      limitCents: limit,
      field: 'valueChangeCents',
      reason:
        'Aanvullende diensten (Aw 2012 art. 2.163d) voegen diensten toe: de waardewijziging is positief; een verlaging kan op een andere grond. / ' +
        'Additional services (Aw 2012 art. 2.163d) add services: the value change is positive.',
    };
  }
  if (valueChangeCents * 100 > context.initialValueCents * ADDITIONAL_SERVICES_MAX_PERCENT) {
    return {
      allowed: false,
      ground,
      cumulativeChangeCents: cumulative,
      limitCents: limit,
      field: 'valueChangeCents',
      reason:
        `Aanvullende diensten mogen per wijziging ten hoogste ${ADDITIONAL_SERVICES_MAX_PERCENT}% van de initiële waarde ` +
        `(${euro(context.initialValueCents)}) bedragen, dus ${euro(limit)}; deze wijziging is ${euro(valueChangeCents)} (Aw 2012 art. 2.163d). / ` +
        `Additional services are at most ${ADDITIONAL_SERVICES_MAX_PERCENT}% of the initial value per change. ${NEW_PROCEDURE}`,
    };
  }
  return { allowed: true, ground, cumulativeChangeCents: cumulative, limitCents: limit };
}

/** € 1.234.567,89 and € -12,50 (Dutch notation), from cents. */
export function euro(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `€ ${negative ? '-' : ''}${whole},${(abs % 100).toString().padStart(2, '0')}`;
}
