/**
 * Completing a task, shared by every workflow that owns tasks: one Update name ('completeTask'), so
 * the API sends it to whichever workflow owns the task (POST /tasks/:id/complete).
 */
import { defineUpdate } from '@temporalio/workflow';
import type { CompleteTask } from '../../domain/schemas/tender-actions';
import type { SupervisedTaskView } from './task-supervision';

export const completeTaskUpdate = defineUpdate<SupervisedTaskView, [CompleteTask]>('completeTask');
