/**
 * The messages a tender preparation workflow answers: shared by the workflow, the API and tests.
 */
import type { SupervisedTaskView } from '../shared/task-supervision';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { IsoDate } from '../../domain/dates';
import type { MilestoneStatus, Role, TenderPhase, TenderStepKey } from '../../domain/glossary';
import type { Actor } from '../../domain/schemas/actor';
import type {
  CancelTender,
  RegisterAward,
  RegisterObjection,
  ResolveObjection,
  ShiftDeadline,
} from '../../domain/schemas/tender-actions';
import type { TenderLaunch } from '../../domain/schemas/tender-launch';

export const TENDER_TASK_QUEUE = 'regie';

/**
 * Patches of the tender workflow (tenders launched with older code replay without them):
 * - the legal periods of 2026-12 (45/40/+5 days for the open procedure, the standstill of the tender
 *   documents for the light regime and admission procedures, the EU thresholds), decided at launch;
 * - the submission deadline reckoned from the day the notice was actually sent, decided when the
 *   publication step is done;
 * - a deadline shift that checks the legal periods, decided when the shift is handled.
 */
export const LEGAL_RULES_2026_12_PATCH = 'tender-legal-rules-2026-12';
export const DEADLINE_FROM_PUBLICATION_PATCH = 'tender-deadline-from-publication';
export const SHIFT_KEEPS_LEGAL_PERIODS_PATCH = 'tender-shift-keeps-legal-periods';

export function tenderWorkflowId(tenderId: string): string {
  return `tender-${tenderId}`;
}

export interface TenderWorkflowInput {
  tenderId: string;
  launch: TenderLaunch;
}

export type TaskView = SupervisedTaskView & { kind: TenderStepKey };

export interface MilestoneView {
  key: TenderStepKey;
  label: string;
  owner: { role: Role; organisation: string };
  dueDate: IsoDate;
  status: MilestoneStatus;
  tasks: TaskView[];
}

export interface AwardView {
  round: number;
  decidedAt: string;
  standstillEndsAt: string;
  status: 'provisional' | 'final' | 'withdrawn';
  lots: { lotId: string; provider: string; valueCents: number }[];
}

export interface ObjectionView {
  id: string;
  awardRound: number;
  lotId?: string;
  organisation: string;
  reason: string;
  registeredAt: string;
  status: 'pending' | 'rejected' | 'withdrawn' | 'upheld';
  resolvedAt?: string;
  resolution?: string;
}

export interface TenderTimeline {
  tenderId: string;
  title: string;
  phase: TenderPhase;
  status: 'active' | 'cancelled' | 'completed';
  contractStart: IsoDate;
  milestones: MilestoneView[];
  awards: AwardView[];
  objections: ObjectionView[];
  contracts: { contractId: string; workflowId: string; lotId: string; provider: string }[];
  cancellation?: { reason: string; by: Actor; at: string };
}

export const tenderTimelineQuery = defineQuery<TenderTimeline>('timeline');

/** Resolves once the launch is recorded in the database (the API waits for it before answering). */
export const launchRecordedUpdate = defineUpdate<TenderTimeline>('launchRecorded');
/** Shared by every workflow with tasks (workflows/shared/complete-task.ts). */
export { completeTaskUpdate } from '../shared/complete-task';
export const registerAwardUpdate = defineUpdate<AwardView, [RegisterAward]>('registerAward');
export const registerObjectionUpdate = defineUpdate<ObjectionView, [RegisterObjection]>('registerObjection');
export const resolveObjectionUpdate = defineUpdate<ObjectionView, [ResolveObjection]>('resolveObjection');
export const shiftDeadlineUpdate = defineUpdate<TenderTimeline, [ShiftDeadline]>('shiftDeadline');
export const cancelTenderUpdate = defineUpdate<TenderTimeline, [CancelTender]>('cancelTender');
