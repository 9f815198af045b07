/**
 * The steps of a tender preparation with their owner role and practical durations (calendar
 * days from the previous step's due date). Legal minimums come from ./legal-rules.ts.
 */
import type { Role, TenderStepKey } from './glossary';

export interface TenderStepDefinition {
  key: TenderStepKey;
  ownerRole: Role;
  /** Duration we plan with when the contract start leaves room for it. */
  preferredDays: number;
  /** The shortest duration that is still workable in practice. */
  minimumDays: number;
  /** Completed through its own action (award registration, standstill timer), not as a plain task. */
  completedBy: 'task' | 'award' | 'timer';
  /** One task per awarded contract (owner in the provider's organisation when `provider`). */
  perContract?: 'commissioner' | 'provider';
}

export const tenderSteps: readonly TenderStepDefinition[] = [
  { key: 'currentContractEvaluation', ownerRole: 'contractManager', preferredDays: 60, minimumDays: 20, completedBy: 'task' },
  { key: 'providerInput', ownerRole: 'procurementOfficer', preferredDays: 30, minimumDays: 14, completedBy: 'task' },
  { key: 'marketConsultation', ownerRole: 'procurementOfficer', preferredDays: 45, minimumDays: 14, completedBy: 'task' },
  { key: 'executiveDecision', ownerRole: 'college', preferredDays: 30, minimumDays: 7, completedBy: 'task' },
  { key: 'publication', ownerRole: 'procurementOfficer', preferredDays: 14, minimumDays: 1, completedBy: 'task' },
  { key: 'questionsAndAnswers', ownerRole: 'procurementOfficer', preferredDays: 21, minimumDays: 10, completedBy: 'task' },
  { key: 'submissionDeadline', ownerRole: 'procurementOfficer', preferredDays: 21, minimumDays: 6, completedBy: 'task' },
  { key: 'evaluation', ownerRole: 'procurementOfficer', preferredDays: 30, minimumDays: 10, completedBy: 'task' },
  { key: 'awardDecision', ownerRole: 'procurementOfficer', preferredDays: 14, minimumDays: 3, completedBy: 'award' },
  { key: 'standstill', ownerRole: 'procurementOfficer', preferredDays: 21, minimumDays: 0, completedBy: 'timer' },
  { key: 'finalAward', ownerRole: 'procurementOfficer', preferredDays: 7, minimumDays: 1, completedBy: 'task' },
  { key: 'signing', ownerRole: 'manager', preferredDays: 14, minimumDays: 3, completedBy: 'task', perContract: 'commissioner' },
  { key: 'onboarding', ownerRole: 'contractContact', preferredDays: 90, minimumDays: 30, completedBy: 'task', perContract: 'provider' },
];

export function tenderStep(key: TenderStepKey): TenderStepDefinition {
  const step = tenderSteps.find((s) => s.key === key);
  if (!step) throw new Error(`Unknown tender step ${key}`);
  return step;
}
