/**
 * One glossary of names (see ../shared/DOMAIN.md): English identifiers in code, the Dutch term
 * where users expect it. Every enum used at a boundary is defined here once.
 */
import { z } from 'zod';

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
export const roleSchema = z.enum([...commissionerRoles, ...providerRoles, ...directoryRoles]);
export type Role = z.infer<typeof roleSchema>;

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
export const organisationKindSchema = z.enum(['municipality', 'purchasingBody', 'provider']);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

/** Procurement forms (inkoopvormen). */
export const procurementFormSchema = z.enum([
  'europeanOpen', // Europese openbare procedure
  'socialServicesLightRegime', // sociale en andere specifieke diensten (verlicht regime)
  'national', // nationale procedure
  'openHouse', // open house
  'grant', // subsidie
  'inHouse', // inbesteden
]);
export type ProcurementForm = z.infer<typeof procurementFormSchema>;

export const procurementFormLabels: Record<ProcurementForm, string> = {
  europeanOpen: 'Europese openbare procedure',
  socialServicesLightRegime: 'Sociale en andere specifieke diensten (verlicht regime)',
  national: 'Nationale procedure',
  openHouse: 'Open house',
  grant: 'Subsidie',
  inHouse: 'Inbesteden',
};

export const commissionerKindSchema = z.enum(['municipality', 'purchasingBody']);

export const accountabilityCadenceSchema = z.enum(['quarterly', 'halfYearly', 'yearly']);
export type AccountabilityCadence = z.infer<typeof accountabilityCadenceSchema>;

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
export const tenderStepKeySchema = z.enum(tenderStepKeys);
export type TenderStepKey = z.infer<typeof tenderStepKeySchema>;

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

export const tenderPhaseSchema = z.enum([...tenderStepKeys, 'completed', 'cancelled']);
export type TenderPhase = z.infer<typeof tenderPhaseSchema>;

export const taskStatusSchema = z.enum(['open', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** A milestone as people see it: planned, open, done, overdue or cancelled. */
export const milestoneStatusSchema = z.enum(['planned', 'open', 'overdue', 'done', 'cancelled']);
export type MilestoneStatus = z.infer<typeof milestoneStatusSchema>;

export const objectionOutcomeSchema = z.enum(['rejected', 'withdrawn', 'upheld']);
export type ObjectionOutcome = z.infer<typeof objectionOutcomeSchema>;
