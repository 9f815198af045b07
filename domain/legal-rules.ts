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
