/**
 * The Dutch texts of notifications. Pure: workflows build the message, the notification activity
 * only sends it.
 */
import { roleLabels, type Role } from './glossary';

export interface TaskMessageInput {
  taskTitle: string;
  subjectTitle: string; // tender or contract title
  role: Role;
  organisation: string;
  dueDate: string;
  taskId: string;
}

export interface Message {
  subject: string;
  text: string;
}

const footer = (task: TaskMessageInput) =>
  `\n\nTaak: ${task.taskId}\nEigenaar: ${roleLabels[task.role]}, ${task.organisation}\n` +
  `Deze taak hoort bij een rol, niet bij een persoon: wie de rol nu vervult, kan haar afronden.\n\n— regie`;

export function taskAssignedMessage(task: TaskMessageInput): Message {
  return {
    subject: `[regie] Nieuwe taak: ${task.taskTitle} (${task.subjectTitle}), uiterlijk ${task.dueDate}`,
    text: `Er staat een nieuwe taak klaar voor ${roleLabels[task.role]} van ${task.organisation}: ` +
      `"${task.taskTitle}" voor ${task.subjectTitle}, af te ronden uiterlijk ${task.dueDate}.${footer(task)}`,
  };
}

export function reminderMessage(task: TaskMessageInput, daysBeforeDue: number): Message {
  return {
    subject: `[regie] Herinnering: ${task.taskTitle} (${task.subjectTitle}) over ${daysBeforeDue} dagen`,
    text: `Herinnering: "${task.taskTitle}" voor ${task.subjectTitle} moet over ${daysBeforeDue} dagen ` +
      `(${task.dueDate}) klaar zijn.${footer(task)}`,
  };
}

export function escalationMessage(task: TaskMessageInput): Message {
  return {
    subject: `[regie] Te laat: ${task.taskTitle} (${task.subjectTitle}), was uiterlijk ${task.dueDate}`,
    text: `De taak "${task.taskTitle}" voor ${task.subjectTitle} had uiterlijk ${task.dueDate} klaar moeten zijn ` +
      `en staat nog open bij ${roleLabels[task.role]} van ${task.organisation}. U ontvangt dit bericht als manager.${footer(task)}`,
  };
}

export function statusChangeMessage(subjectTitle: string, change: string, reason: string): Message {
  return {
    subject: `[regie] ${subjectTitle}: ${change}`,
    text: `${subjectTitle}: ${change}.\nReden: ${reason}\n\n— regie`,
  };
}

export interface TermEndDecisionInput {
  contractTitle: string;
  provider: string;
  decision: 'extend' | 'end';
  previousEnd: string;
  endDate: string;
  reason: string;
}

/** The council is informed of the college's decision to extend a contract or let it end. */
export function councilInformedMessage(input: TermEndDecisionInput): Message {
  const decided =
    input.decision === 'extend'
      ? `het college heeft besloten het contract met ${input.provider} te verlengen tot en met ${input.endDate} (was ${input.previousEnd})`
      : `het college heeft besloten het contract met ${input.provider} niet te verlengen; het eindigt op ${input.endDate}`;
  return {
    subject: `[regie] Ter informatie aan de raad: ${input.contractTitle}, ${input.decision === 'extend' ? 'verlengd' : 'niet verlengd'}`,
    text: `Ter informatie: ${decided}.\nMotivering: ${input.reason}\n\n— regie`,
  };
}
