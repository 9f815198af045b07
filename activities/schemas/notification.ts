import { z } from 'zod';

/** Why regie sends an email. */
export const notificationKinds = ['task-assigned', 'reminder', 'escalation', 'status-change'] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** Input of the sendNotification activity: one email, sent at most once per idempotencyKey. */
export const notificationInputSchema = z.object({
  /** Deterministic per intended email (e.g. `${workflowId}/${taskId}/reminder/1`); a retry reuses it. */
  idempotencyKey: z.string().min(1),
  workflowId: z.string().min(1),
  taskId: z.string().min(1).optional(),
  kind: notificationKindSchema,
  /** All recipients go into the To header of one message. */
  to: z.array(z.email()).min(1),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string().optional(),
  /** An iCalendar attachment (.ics), sent as the message's calendar alternative. */
  icalEvent: z
    .object({
      filename: z.string().min(1),
      content: z.string().min(1),
    })
    .optional(),
});

export type NotificationInput = z.infer<typeof notificationInputSchema>;
