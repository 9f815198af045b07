/**
 * Legal minimums for tender planning, in one table with their sources. A rule says that between
 * the due dates of two steps at least `minDays` calendar days must pass, for the procurement
 * forms it applies to.
 */
import type { ProcurementForm, TenderStepKey } from './glossary';

export interface LegalMinimum {
  id: string;
  from: TenderStepKey;
  to: TenderStepKey;
  minDays: number;
  appliesTo: readonly ProcurementForm[];
  /** Only when tenders are submitted electronically (a shorter period is then allowed). */
  electronicSubmission?: boolean;
  description: string;
  source: string;
}

const tenderedForms = ['europeanOpen', 'socialServicesLightRegime', 'national'] as const;

export const legalMinimums: readonly LegalMinimum[] = [
  {
    id: 'standstill',
    from: 'awardDecision',
    to: 'standstill',
    minDays: 20,
    appliesTo: tenderedForms,
    description: 'Opschortende termijn van ten minste 20 kalenderdagen tussen gunningsbeslissing en contract',
    source: 'Aanbestedingswet 2012 art. 2.127',
  },
  {
    id: 'openProcedureTenderPeriod',
    from: 'publication',
    to: 'submissionDeadline',
    minDays: 35,
    appliesTo: ['europeanOpen'],
    electronicSubmission: false,
    description: 'Termijn voor inschrijving bij de openbare procedure: ten minste 35 dagen na verzending van de aankondiging',
    source: 'Aanbestedingswet 2012 art. 2.71 lid 1',
  },
  {
    id: 'openProcedureTenderPeriodElectronic',
    from: 'publication',
    to: 'submissionDeadline',
    minDays: 30,
    appliesTo: ['europeanOpen'],
    electronicSubmission: true,
    description: 'Termijn voor inschrijving bij elektronische inschrijving: ten minste 30 dagen',
    source: 'Aanbestedingswet 2012 art. 2.71 lid 2',
  },
  {
    id: 'additionalInformation',
    from: 'questionsAndAnswers',
    to: 'submissionDeadline',
    minDays: 6,
    appliesTo: ['europeanOpen'],
    description: 'Aanvullende inlichtingen (nota van inlichtingen) uiterlijk 6 dagen voor de sluiting van de inschrijving',
    source: 'Richtlijn 2014/24/EU art. 47 lid 3 (Aanbestedingswet 2012 art. 2.75)',
  },
];

/** The rules that bind a plan for this procurement form and submission method. */
export function legalMinimumsFor(form: ProcurementForm, electronicSubmission: boolean): LegalMinimum[] {
  return legalMinimums.filter(
    (rule) =>
      rule.appliesTo.includes(form) &&
      (rule.electronicSubmission === undefined || rule.electronicSubmission === electronicSubmission),
  );
}

/** EU threshold for social and other specific services (Aw 2012 art. 2.38; Directive 2014/24/EU art. 4(d)). */
export const SOCIAL_SERVICES_EU_THRESHOLD_CENTS = 750_000_00;

/**
 * Changing a running contract without a new tender (Aw 2012 art. 2.163b; Directive 2014/24/EU
 * art. 72(2)): the net cumulative value of the changes must stay below the EU threshold and below
 * this percentage of the initial value for services and supplies (15% for works).
 */
export const AMENDMENT_LIMIT_PERCENT_SERVICES = 10;

/**
 * The municipality says at least this many calendar months before the end of the term whether it
 * extends (VNG contractstandaarden Wmo 1.3, art. 1.3 looptijd).
 */
export const EXTENSION_NOTICE_MONTHS = 6;

/** A revision under the revision clause takes effect at most this many months after the decision (VNG art. 1.4). */
export const REVISION_MAX_MONTHS_AFTER_DECISION = 6;
