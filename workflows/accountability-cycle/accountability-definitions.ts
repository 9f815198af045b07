/**
 * The messages an accountability cycle workflow answers (one child workflow of the contract term per
 * accountability period): shared by the workflow, the contract term workflow, the API and tests.
 */
import type { SupervisedTaskView } from '../shared/task-supervision';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccountabilityPeriod } from '../../domain/contract-schedule';
import type { IsoDate } from '../../domain/dates';
import type { Role } from '../../domain/glossary';
import type { Actor, Stakeholder } from '../../domain/schemas/actor';
import type { FollowUp, KpiFigure, KpiNarrative, RecordAccountabilityOutcomeInput } from '../../domain/schemas/accountability';
import type { CompleteTask } from '../../domain/schemas/tender-actions';
import type { Kpi } from '../../domain/schemas/tender-launch';

/** `contract-<id>-accountability-p<index>`: one per period, so a restarted term finds the running cycle. */
export function accountabilityWorkflowId(contractId: string, periodIndex: number): string {
  return `contract-${contractId}-accountability-p${periodIndex}`;
}

export interface AccountabilityCycleInput {
  contractId: string;
  /** The parent contract term workflow. */
  contractWorkflowId: string;
  /** The contract's title, as in messages. */
  title: string;
  /** The commissioning organisation (its contractManager and manager are told of late tasks). */
  commissioner: string;
  /** The providing organisation (its contractContact delivers the report). */
  provider: string;
  period: AccountabilityPeriod;
  kpis: Kpi[];
  /** Who holds which role now: tasks go to roles, the emails to whoever holds them. */
  stakeholders: Stakeholder[];
  reminderDaysBefore: number[];
}

export type AccountabilityPhase = 'report' | 'conversation' | 'followUp' | 'done';
export type AccountabilityTaskKind = 'accountabilityReport' | 'accountabilityConversation' | 'accountabilityFollowUp';

export type AccountabilityTaskView = SupervisedTaskView & { kind: AccountabilityTaskKind };

export interface AccountabilityOutcomeView {
  recordedAt: string;
  by: Actor;
  figures: KpiFigure[];
  narratives: KpiNarrative[];
  story: string;
  agreements: string[];
  followUps: (FollowUp & { taskId: string })[];
  /** Measurable KPIs without a figure: listed, never silently zero. */
  missingFigures: string[];
}

export interface AccountabilityCycleView {
  contractId: string;
  period: AccountabilityPeriod;
  phase: AccountabilityPhase;
  tasks: AccountabilityTaskView[];
  /** Once the report is in: when the conversation takes place. */
  conversation?: { date: IsoDate; startsAt: string; invitedAt: string; attendees: string[] };
  outcome?: AccountabilityOutcomeView;
}

/** What the cycle hands back to the contract term when every follow-up is done. */
export interface AccountabilityCycleSummary {
  contractId: string;
  periodIndex: number;
  period: { from: IsoDate; to: IsoDate };
  report: { dueDate: IsoDate; deliveredAt: string; onTime: boolean; escalations: number };
  conversation: { date: IsoDate; dueDate: IsoDate; heldAt: string };
  figures: KpiFigure[];
  missingFigures: string[];
  narrativeKpis: string[];
  agreements: string[];
  followUps: { taskId: string; title: string; ownerRole: Role; ownerOrganisation: string; dueDate: IsoDate; completedAt: string; onTime: boolean }[];
  completedAt: string;
}

export const accountabilityCycleQuery = defineQuery<AccountabilityCycleView>('accountabilityCycle');
export const recordAccountabilityOutcomeUpdate = defineUpdate<AccountabilityOutcomeView, [RecordAccountabilityOutcomeInput]>('recordAccountabilityOutcome');
/**
 * The API completes any task by sending 'completeTask' to the workflow on the task's row (see
 * tender-definitions.ts); this is the same Update with this workflow's task view.
 */
export const completeAccountabilityTaskUpdate = defineUpdate<AccountabilityTaskView, [CompleteTask]>('completeTask');
