/**
 * Promotion: at the midterm review (while it runs) and at renewal (once the renewal evaluation is
 * opened) an assignment can be proposed to become part of the main assignment; the next tender
 * (GET /contracts/:id/next-tender) takes the promoted ones over.
 */
import { setHandler } from '@temporalio/workflow';
import type { ProposePromotion } from '../../domain/schemas/supplementary';
import { SUPPLEMENTARY_ROLES } from '../../domain/supplementary/intake';
import { committedStatuses, type SupplementaryAssignment } from '../../domain/supplementary/types';
import { today } from '../shared/clock';
import { parseUpdateInput, refuse } from '../shared/failures';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import { assertActsAs } from './actor-checks';
import { proposePromotionUpdate } from './supplementary-definitions';
import { supplementarySchemas } from '../shared/request-schemas';

/** The occasion the contract is at: its midterm review, its renewal evaluation, or neither. */
function occasionOf(run: ContractTermRun): NonNullable<SupplementaryAssignment['promotion']>['occasion'] | undefined {
  if (run.midtermPending) return 'midtermReview';
  if (run.tasks.some((t) => t.kind === 'renewalEvaluation')) return 'renewal';
  return undefined;
}

function validatePromotion(run: ContractTermRun, input: ProposePromotion): void {
  const assignment = run.portfolio?.assignment(input.assignmentId);
  if (!assignment) throw refuse.notFound(`No supplementary assignment ${input.assignmentId} in this contract`);
  assertActsAs(input.by, run.commissioner, SUPPLEMENTARY_ROLES.promotion);
  if (!committedStatuses.includes(assignment.status)) throw refuse.conflict(`${assignment.id} is ${assignment.status}: only an accepted assignment can become part of the main assignment`);
  if (assignment.promotion) throw refuse.conflict(`${assignment.id} was proposed for the main assignment on ${assignment.promotion.on}`);
  if (!occasionOf(run)) throw refuse.conflict('An assignment is proposed for the main assignment at the midterm review or at the renewal evaluation; neither is under way');
}

export function registerProposePromotion(run: ContractTermRun): void {
  setHandler(
    proposePromotionUpdate,
    async (raw) => {
      const input = parseUpdateInput(supplementarySchemas().proposePromotionSchema, raw);
      const portfolio = run.portfolio!;
      const assignment = portfolio.assignment(input.assignmentId)!;
      assignment.promotion = { occasion: occasionOf(run)!, rationale: input.rationale, on: today(), by: input.by };
      portfolio.tell(assignment.id, { promotion: assignment.promotion });
      await portfolio.record({ assignments: [assignment] }, portfolio.event('supplementary.promotionProposed', { assignmentId: assignment.id, occasion: assignment.promotion.occasion, rationale: input.rationale }, input.by));
      return assignment;
    },
    { validator: (raw) => validatePromotion(run, parseUpdateInput(supplementarySchemas().proposePromotionSchema, raw)) },
  );
}
