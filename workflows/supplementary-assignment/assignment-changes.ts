/**
 * What an assignment's own term tells its contract (assignmentChangedSignal): confirmed, declined,
 * active, ended, an end decision. A declined assignment releases its count under its ground; a
 * renewal is a new request through the intake and the panel; a promotion at renewal is kept for the
 * next tender.
 */
import { setHandler } from '@temporalio/workflow';
import type { ContractTermRun } from '../contract-term/contract-term-run';
import type { SupplementaryPortfolio } from './portfolio';
import { type AssignmentChange, assignmentChangedSignal } from './supplementary-definitions';

export function registerAssignmentChanges(run: ContractTermRun): void {
  setHandler(assignmentChangedSignal, (change) => {
    const portfolio = run.portfolio;
    const assignment = portfolio?.assignment(change.assignmentId);
    if (!portfolio || !assignment) return;
    const released = change.status === 'declined' && assignment.status !== 'declined' && assignment.vetting?.ground;
    assignment.status = change.status;
    if (change.confirmation) assignment.confirmation = change.confirmation;
    if (change.endDecision) assignment.endDecision = change.endDecision;
    if (change.endDecision?.decision === 'promote' && !assignment.promotion) {
      assignment.promotion = { occasion: 'renewal', rationale: change.endDecision.rationale, on: change.endDecision.on, by: change.endDecision.by };
    }
    // The provider did not take it on: the change never happened, so it no longer counts.
    if (released && assignment.vetting?.ground) run.countChange(assignment.vetting.ground, -assignment.budgetCents);
    portfolio.refreshDrawn();
    // A contract that has returned records nothing more; a term that ends with it records its own last status.
    if (!run.closed) run.background(recordChange(portfolio, change));
  });
}

async function recordChange(portfolio: SupplementaryPortfolio, change: AssignmentChange): Promise<void> {
  const assignment = portfolio.assignment(change.assignmentId)!;
  let renewal;
  if (change.renewal && change.endDecision) {
    const { assignment: next, task } = portfolio.takeIn(
      {
        title: assignment.title,
        theme: assignment.theme,
        goal: assignment.goal,
        budgetCents: change.renewal.budgetCents,
        period: change.renewal.period,
        reporting: assignment.reporting,
        source: assignment.source,
        requestedBy: assignment.requestedBy,
        outsideContractLine: false,
        renewalOf: assignment.id,
        ...(assignment.spendingCapCents ? { spendingCapCents: assignment.spendingCapCents } : {}),
      },
      change.endDecision.by,
    );
    assignment.endDecision = { ...change.endDecision, renewedAs: next.id };
    renewal = { next, task };
  }
  await portfolio.record(
    { assignments: renewal ? [assignment, renewal.next] : [assignment], years: portfolio.state.years },
    portfolio.event('supplementary.assignmentChanged', { assignmentId: assignment.id, status: assignment.status, ...(renewal ? { renewedAs: renewal.next.id } : {}) }),
  );
  if (renewal) await portfolio.openAndSupervise(renewal.task);
}
