/**
 * The joint panel's (gremium's) route for an accepted supplementary request, and the legal check that
 * goes with it. A supplementary assignment within the contract is a change of the contract like any
 * other (../change-grounds.ts): its budget is a positive value change under the ground the route names,
 * counted in the contract's one total per ground. A separate contract (a new tender or a grant) takes
 * the request out of the contract: no change, so no check.
 *
 * - changeOption: within a change option of the contract (Aw 2012 art. 2.163c, VNG art. 1.4.1);
 * - additionalServices: additional services, each change at most 50% of the initial value (art. 2.163d);
 * - deMinimis: the cumulative de minimis check (art. 2.163b; none for open house and grants).
 *
 * Pure: the contract term workflow calls it when the panel's decision arrives.
 */
import { assessChange, type ChangeContext, type ChangeGroundAssessment, type ChangeGroundInput } from '../change-grounds';
import type { VettingRoute } from '../schemas/supplementary';

export type VettingRouteAssessment =
  | { leavesContract: true; advice: 'newTender' | 'grant' }
  | { leavesContract: false; ground: ChangeGroundInput; assessment: ChangeGroundAssessment };

export const vettingRouteLabels: Record<VettingRoute, string> = {
  changeOption: 'Wijzigingsoptie in het contract (Aw 2012 art. 2.163c, VNG art. 1.4.1)',
  additionalServices: 'Aanvullende diensten, ten hoogste 50% van de initiële waarde (Aw 2012 art. 2.163d)',
  deMinimis: 'Kleine wijziging, de-minimis (Aw 2012 art. 2.163b)',
  separateContract: 'Apart contract (nieuwe aanbesteding of subsidie)',
};

/**
 * The route's ground and its assessment for a supplementary budget of `budgetCents`; the panel's reason
 * is recorded as the ground's reason (for art. 2.163d it must say why the services became necessary and
 * why another contractor is not possible). The vetting is validated by vetRequestSchema first: a
 * separate contract without its advice is a programming error and throws.
 */
export function assessVettingRoute(
  context: ChangeContext,
  vetting: { route: VettingRoute; changeOptionId?: string; reason: string; separateContract?: 'newTender' | 'grant' },
  budgetCents: number,
): VettingRouteAssessment {
  if (vetting.route === 'separateContract') {
    if (!vetting.separateContract) throw new RangeError('a separate contract is advised as a new tender (newTender) or a grant (grant)');
    return { leavesContract: true, advice: vetting.separateContract };
  }
  const ground: ChangeGroundInput =
    vetting.route === 'changeOption'
      ? { basis: 'changeOption', ...(vetting.changeOptionId !== undefined ? { changeOptionId: vetting.changeOptionId } : {}), reason: vetting.reason }
      : { basis: vetting.route, reason: vetting.reason };
  return { leavesContract: false, ground, assessment: assessChange(context, ground, budgetCents) };
}
