/**
 * The EU procurement thresholds, as the Commission revises them every two years (Directive
 * 2014/24/EU art. 6), in one dated table with the delegated regulation that sets each period.
 * A plan's route follows from its procurement form, its estimated value (options and extensions
 * included, Directive 2014/24/EU art. 5 lid 1) and the date the notice is sent (art. 5 lid 4).
 */
import { daysBetween, type IsoDate } from './dates';
import type { ProcurementForm } from './glossary';
import { SOCIAL_SERVICES_EU_THRESHOLD_CENTS } from './legal-rules';

/**
 * Which threshold binds a contract. Municipalities and purchasing bodies acting for them are
 * sub-central contracting authorities (Directive 2014/24/EU art. 4 onder c).
 */
export type ThresholdCategory = 'works' | 'servicesSubCentral' | 'socialServices';

export interface ThresholdPeriod {
  validFrom: IsoDate;
  validUntil: IsoDate;
  /** Amounts in euro cents, exclusive of VAT. */
  cents: Record<ThresholdCategory, number>;
  source: string;
}

/** EUR 750,000 for social and other specific services (Annex XIV); not revised every two years. */
export const SOCIAL_SERVICES_THRESHOLD_SOURCE = 'Richtlijn 2014/24/EU art. 4 onder d';

export const euThresholdPeriods: readonly ThresholdPeriod[] = [
  {
    validFrom: '2024-01-01',
    validUntil: '2025-12-31',
    cents: { works: 5_538_000_00, servicesSubCentral: 221_000_00, socialServices: SOCIAL_SERVICES_EU_THRESHOLD_CENTS },
    source: 'Gedelegeerde Verordening (EU) 2023/2495',
  },
  {
    validFrom: '2026-01-01',
    validUntil: '2027-12-31',
    cents: { works: 5_404_000_00, servicesSubCentral: 216_000_00, socialServices: SOCIAL_SERVICES_EU_THRESHOLD_CENTS },
    source: 'Gedelegeerde Verordening (EU) 2025/2152',
  },
];

/**
 * The threshold period for a date. After the last known period its amounts still apply (the
 * Commission's next regulation has not been entered yet): `provisional` says so.
 */
export function thresholdPeriodOn(date: IsoDate): { period: ThresholdPeriod; provisional: boolean } {
  const current = euThresholdPeriods.find((p) => daysBetween(p.validFrom, date) >= 0 && daysBetween(date, p.validUntil) >= 0);
  if (current) return { period: current, provisional: false };
  const earliest = euThresholdPeriods[0]!;
  if (daysBetween(date, earliest.validFrom) > 0) return { period: earliest, provisional: true };
  return { period: euThresholdPeriods.at(-1)!, provisional: true };
}

/** The threshold category of a procurement form; none for forms that are no public contract (open house, grant, in-house). */
export function thresholdCategory(form: ProcurementForm): ThresholdCategory | undefined {
  switch (form) {
    case 'europeanOpen':
    case 'national':
      return 'servicesSubCentral';
    case 'socialServicesLightRegime':
      return 'socialServices';
    default:
      return undefined;
  }
}

export interface ThresholdAssessment {
  category: ThresholdCategory;
  thresholdCents: number;
  valueCents: number;
  /** Value at or above the threshold: the contract must go the European route. */
  european: boolean;
  source: string;
  provisional: boolean;
}

/** Whether a contract of this form and value, with its notice sent on `noticeDate`, crosses the EU threshold. */
export function assessThreshold(form: ProcurementForm, valueCents: number, noticeDate: IsoDate): ThresholdAssessment | undefined {
  const category = thresholdCategory(form);
  if (!category) return undefined;
  const { period, provisional } = thresholdPeriodOn(noticeDate);
  const thresholdCents = period.cents[category];
  return {
    category,
    thresholdCents,
    valueCents,
    european: valueCents >= thresholdCents,
    source: category === 'socialServices' ? SOCIAL_SERVICES_THRESHOLD_SOURCE : period.source,
    provisional,
  };
}

/**
 * The estimated value of a contract with its extension options (Directive 2014/24/EU art. 5 lid 1):
 * the value of the base term, extended pro rata for every option month.
 */
export function valueWithOptions(baseValueCents: number, termYears: number, extensionOptions: { count: number; monthsEach: number }): number {
  const baseMonths = termYears * 12;
  const optionMonths = extensionOptions.count * extensionOptions.monthsEach;
  return baseValueCents + Math.round((baseValueCents * optionMonths) / baseMonths);
}

/**
 * The EU threshold a change of a running contract is measured against (Aw 2012 art. 2.163b: below
 * the threshold that applies to the contract), on the day of the change; undefined for forms that
 * are no public contract.
 */
export function changeThresholdCents(form: ProcurementForm, on: IsoDate): number | undefined {
  const category = thresholdCategory(form);
  return category ? thresholdPeriodOn(on).period.cents[category] : undefined;
}
