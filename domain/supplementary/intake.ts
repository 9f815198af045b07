/**
 * Who does what with supplementary assignments, and the intake's own terms. Shared by the workflows
 * (which check the actor's organisation and role again) and the API (which builds the actor from the
 * sign-in with these roles).
 */
import type { Role } from '../glossary';

/** The joint panel has this many days to vet a request. */
export const VETTING_DAYS = 14;

/** The provider has this many days to give its written consent to combined spending caps. */
export const CONSENT_DAYS = 14;

export const SUPPLEMENTARY_ROLES = {
  /** The commissioner's contract line: one intake, "met één mond" (seed 001, section 1.3). */
  intakeCommissioner: ['contractManager', 'chainCoordinator', 'manager'],
  /** A request that reached the provider outside the contract line: taken in all the same, as side-steering. */
  intakeProvider: ['contractContact', 'teamLead', 'director'],
  /** The joint panel (gremium) vets each request against the spirit of the main assignment. */
  vetting: ['jointPanel'],
  confirmation: ['contractContact', 'director'],
  endDecision: ['contractManager', 'manager'],
  promotion: ['contractManager', 'manager'],
  /** Bundles, the flexible amount, spending caps and settings: the commissioner's budget work. */
  budget: ['manager', 'contractManager'],
  /**
   * Written consent to adding spending caps together: the provider may add them up only when the
   * commissioner consents in writing (VNG contractstandaard Wmo art. 1.5.8), so the college or the
   * manager holding its mandate signs it, as with the end decision.
   */
  consent: ['college', 'manager'],
} as const satisfies Record<string, readonly Role[]>;

/** Task kinds completed by their own decision (an Update), not by "complete task". */
export const SUPPLEMENTARY_DECISION_TASKS = ['supplementaryVetting', 'supplementaryBundling', 'supplementaryCapConsent', 'supplementaryConfirmation', 'supplementaryEndDecision'] as const;
