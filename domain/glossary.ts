/**
 * One glossary of names (see ../shared/DOMAIN.md): English identifiers in code, the Dutch term
 * where users expect it. Every enum used at a boundary is defined here once, as a list of names;
 * ./schemas/glossary.ts makes the zod enums of them that requests are validated with. This module
 * builds no schema: workflows import it, and a workflow loads zod only when it validates a request
 * (workflows/shared/request-schemas.ts).
 */

/** Roles own tasks, never persons: staff change during an eight-year term. */
export const commissionerRoles = [
  'procurementOfficer',
  'contractManager',
  'chainCoordinator',
  'implementationAdviser',
  'manager',
  'alderman',
  'college',
  'council',
  'jointPanel',
] as const;
export const providerRoles = ['contractContact', 'teamLead', 'director'] as const;
/** Every organisation keeps its own part of the role directory up to date through this role. */
export const directoryRoles = ['administrator'] as const;
export const roles = [...commissionerRoles, ...providerRoles, ...directoryRoles] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  procurementOfficer: 'inkoper',
  contractManager: 'contractmanager',
  chainCoordinator: 'ketenregisseur',
  implementationAdviser: 'adviseur uitvoering',
  manager: 'manager',
  alderman: 'wethouder',
  college: 'college van B&W',
  council: 'gemeenteraad',
  jointPanel: 'gremium',
  contractContact: 'contactpersoon opdrachtnemer',
  teamLead: 'teamleider',
  director: 'directeur',
  administrator: 'beheerder',
};

/** Kinds of organisation in the role directory. */
export const organisationKinds = ['municipality', 'purchasingBody', 'provider'] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Procurement forms (inkoopvormen). */
export const procurementForms = [
  'europeanOpen', // Europese openbare procedure
  'socialServicesLightRegime', // sociale en andere specifieke diensten (verlicht regime)
  'national', // nationale procedure
  'openHouse', // open house
  'grant', // subsidie
  'inHouse', // inbesteden
] as const;
export type ProcurementForm = (typeof procurementForms)[number];

export const procurementFormLabels: Record<ProcurementForm, string> = {
  europeanOpen: 'Europese openbare procedure',
  socialServicesLightRegime: 'Sociale en andere specifieke diensten (verlicht regime)',
  national: 'Nationale procedure',
  openHouse: 'Open house',
  grant: 'Subsidie',
  inHouse: 'Inbesteden',
};

export const commissionerKinds = ['municipality', 'purchasingBody'] as const;

export const accountabilityCadences = ['quarterly', 'halfYearly', 'yearly'] as const;
export type AccountabilityCadence = (typeof accountabilityCadences)[number];

/** The steps of a tender preparation, in order (planned backwards from the contract start). */
export const tenderStepKeys = [
  'currentContractEvaluation',
  'providerInput',
  'marketConsultation',
  'executiveDecision',
  'publication',
  'questionsAndAnswers',
  'submissionDeadline',
  'evaluation',
  'awardDecision',
  'standstill',
  'finalAward',
  'signing',
  'onboarding',
] as const;
export type TenderStepKey = (typeof tenderStepKeys)[number];

export const tenderStepLabels: Record<TenderStepKey, string> = {
  currentContractEvaluation: 'Evaluatie huidige contract',
  providerInput: 'Input huidige aanbieders',
  marketConsultation: 'Marktconsultatie',
  executiveDecision: 'Collegebesluit',
  publication: 'Publicatie (TenderNed)',
  questionsAndAnswers: 'Nota van inlichtingen',
  submissionDeadline: 'Sluiting inschrijving',
  evaluation: 'Beoordeling inschrijvingen',
  awardDecision: 'Gunningsbeslissing',
  standstill: 'Opschortende termijn (Alcatel)',
  finalAward: 'Definitieve gunning',
  signing: 'Ondertekening contract',
  onboarding: 'Transitie en onboarding',
};

export const tenderPhases = [...tenderStepKeys, 'completed', 'cancelled'] as const;
export type TenderPhase = (typeof tenderPhases)[number];

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** A milestone as people see it: planned, open, done, overdue or cancelled. */
export const milestoneStatuses = ['planned', 'open', 'overdue', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const objectionOutcomes = ['rejected', 'withdrawn', 'upheld'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];

/** What a midterm review decides (VNG contractstandaard Wmo art. 1.4: continue, revise by addendum, or end). */
export const midtermDecisionKinds = ['continue', 'revise', 'end'] as const;
export type MidtermDecisionKind = (typeof midtermDecisionKinds)[number];

export const midtermDecisionLabels: Record<MidtermDecisionKind, string> = {
  continue: 'Voortzetten',
  revise: 'Herzien (addendum)',
  end: 'Beëindigen',
};
