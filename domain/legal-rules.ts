/**
 * Legal minimums for tender planning, in one table with their sources. A rule says that between
 * the due dates of two steps at least `minDays` calendar days must pass, for the procurement
 * forms it applies to. Each `source` is the article (or document) that says it.
 */
import type { ProcurementForm, TenderStepKey } from './glossary';

export interface LegalMinimum {
  id: string;
  from: TenderStepKey;
  to: TenderStepKey;
  minDays: number;
  appliesTo: readonly ProcurementForm[];
  description: string;
  source: string;
  /** Binding by law, or a term the tender documents set (and the plan then keeps). */
  basis: 'law' | 'tenderDocuments';
}

/** The launch choices that change the legal minimums. */
export interface LegalTerms {
  /** Tenders may be submitted electronically (Aw 2012 art. 2.74a: 5 days shorter). */
  electronicSubmission: boolean;
  /** The tender documents are free, direct and complete online from the notice on (else art. 2.72: 5 days longer). */
  documentsElectronicallyAvailable: boolean;
  /** The standstill term the tender documents set where the law sets none (VNG tender documents: 20 days). */
  standstillDays: number;
}

export const DEFAULT_LEGAL_TERMS: LegalTerms = { electronicSubmission: true, documentsElectronicallyAvailable: true, standstillDays: 20 };

/** Aw 2012 art. 2.127 lid 3: at least 20 calendar days, for procedures under Part 2 of the Aanbestedingswet. */
export const STATUTORY_STANDSTILL_DAYS = 20;

/** Forms whose standstill is a term of the tender documents: the law (art. 2.127) does not bind them. */
export const standstillByTenderDocuments: readonly ProcurementForm[] = ['socialServicesLightRegime', 'national', 'openHouse'];

/** Open procedure: at least 45 days from sending the notice (Aw 2012 art. 2.71 lid 1). */
export const OPEN_PROCEDURE_TENDER_DAYS = 45;
/** Electronic submission shortens the open procedure's period by 5 days (Aw 2012 art. 2.74a). */
export const ELECTRONIC_SUBMISSION_REDUCTION_DAYS = 5;
/** Documents not electronically available lengthen it by 5 days (Aw 2012 art. 2.72). */
export const DOCUMENTS_NOT_ELECTRONIC_EXTENSION_DAYS = 5;

/** The rules that bind a plan for this procurement form and these launch choices. */
export function legalMinimumsFor(form: ProcurementForm, terms: LegalTerms = DEFAULT_LEGAL_TERMS): LegalMinimum[] {
  const rules: LegalMinimum[] = [];
  if (form === 'europeanOpen') {
    rules.push({
      id: 'standstill',
      from: 'awardDecision',
      to: 'standstill',
      minDays: Math.max(STATUTORY_STANDSTILL_DAYS, terms.standstillDays),
      appliesTo: ['europeanOpen'],
      description: 'Opschortende termijn van ten minste 20 kalenderdagen tussen gunningsbeslissing en contract',
      source: 'Aanbestedingswet 2012 art. 2.127 lid 3',
      basis: 'law',
    });
    const adjustments = [
      ...(terms.electronicSubmission ? [{ days: -ELECTRONIC_SUBMISSION_REDUCTION_DAYS, source: 'art. 2.74a', text: 'min 5 dagen bij elektronische inschrijving' }] : []),
      ...(terms.documentsElectronicallyAvailable ? [] : [{ days: DOCUMENTS_NOT_ELECTRONIC_EXTENSION_DAYS, source: 'art. 2.72', text: 'plus 5 dagen: stukken niet elektronisch beschikbaar' }]),
    ];
    rules.push({
      id: 'openProcedureTenderPeriod',
      from: 'publication',
      to: 'submissionDeadline',
      minDays: OPEN_PROCEDURE_TENDER_DAYS + adjustments.reduce((sum, a) => sum + a.days, 0),
      appliesTo: ['europeanOpen'],
      description:
        'Termijn voor inschrijving bij de openbare procedure: ten minste 45 dagen na verzending van de aankondiging' +
        adjustments.map((a) => `, ${a.text}`).join(''),
      source: ['Aanbestedingswet 2012 art. 2.71 lid 1', ...adjustments.map((a) => a.source)].join(', '),
      basis: 'law',
    });
    rules.push({
      id: 'additionalInformation',
      from: 'questionsAndAnswers',
      to: 'submissionDeadline',
      minDays: 6,
      appliesTo: ['europeanOpen'],
      description: 'Aanvullende inlichtingen (nota van inlichtingen) uiterlijk 6 dagen voor de sluiting van de inschrijving',
      source: 'Richtlijn 2014/24/EU art. 53 lid 2',
      basis: 'law',
    });
  }
  if (standstillByTenderDocuments.includes(form) && terms.standstillDays > 0) {
    rules.push({
      id: 'standstillTerm',
      from: 'awardDecision',
      to: 'standstill',
      minDays: terms.standstillDays,
      appliesTo: standstillByTenderDocuments,
      description: `Opschortende termijn van ${terms.standstillDays} kalenderdagen uit de aanbestedingsstukken (geen wettelijke termijn voor deze procedure)`,
      source: 'aanbestedingsstukken',
      basis: 'tenderDocuments',
    });
  }
  return rules;
}

/**
 * The table tenders launched before 2026-12-01 were planned with (the directive's open-procedure
 * periods, Richtlijn 2014/24/EU art. 27 lid 1 and 4, which the Netherlands did not take over).
 * Kept only so that those tenders keep the plan they were launched with when their history is
 * replayed; new tenders never use it.
 */
export function legalMinimumsBefore202612(form: ProcurementForm, electronicSubmission: boolean): LegalMinimum[] {
  const tendered: readonly ProcurementForm[] = ['europeanOpen', 'socialServicesLightRegime', 'national'];
  const rules: LegalMinimum[] = [];
  if (tendered.includes(form)) {
    const statutory = form === 'europeanOpen';
    rules.push({
      id: statutory ? 'standstill' : 'standstillTerm',
      from: 'awardDecision',
      to: 'standstill',
      minDays: 20,
      appliesTo: tendered,
      description: 'Opschortende termijn (plan van voor 2026-12-01)',
      source: statutory ? 'Aanbestedingswet 2012 art. 2.127 lid 3' : 'aanbestedingsstukken',
      basis: statutory ? 'law' : 'tenderDocuments',
    });
  }
  if (form === 'europeanOpen') {
    rules.push({
      id: 'openProcedureTenderPeriod',
      from: 'publication',
      to: 'submissionDeadline',
      minDays: electronicSubmission ? 30 : 35,
      appliesTo: ['europeanOpen'],
      description: 'Termijn voor inschrijving volgens de richtlijn (plan van voor 2026-12-01)',
      source: electronicSubmission ? 'Richtlijn 2014/24/EU art. 27 lid 4' : 'Richtlijn 2014/24/EU art. 27 lid 1',
      basis: 'law',
    });
    rules.push({ id: 'additionalInformation', from: 'questionsAndAnswers', to: 'submissionDeadline', minDays: 6, appliesTo: ['europeanOpen'], description: 'Aanvullende inlichtingen uiterlijk 6 dagen voor de sluiting (plan van voor 2026-12-01)', source: 'Richtlijn 2014/24/EU art. 53 lid 2', basis: 'law' });
  }
  return rules;
}

/**
 * EU threshold for social and other specific services (Directive 2014/24/EU art. 4 onder d); the
 * dated table of all thresholds is ./thresholds.ts.
 */
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
