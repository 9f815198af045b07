import { z } from 'zod';
import { roleSchema } from '../../domain/schemas/glossary';

/** Why regie sends an email. */
export const notificationKinds = ['task-assigned', 'reminder', 'escalation', 'status-change'] as const;
export const notificationKindSchema = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/**
 * A role a notification is addressed to. At send time it goes to whoever the role directory says holds
 * the role that day; for an organisation the directory does not know, to the addresses the workflow
 * had from the launch's stakeholders (`stakeholderAddresses`, else the notification's `to`).
 */
export const addressedRoleSchema = z.object({
  role: roleSchema,
  organisation: z.string().min(1),
  stakeholderAddresses: z.array(z.email()).optional(),
});
export type AddressedRole = z.infer<typeof addressedRoleSchema>;

/** Input of the sendNotification activity: one email, sent at most once per idempotencyKey. */
export const notificationInputSchema = z.object({
  /** Deterministic per intended email (e.g. `${workflowId}/${taskId}/reminder/1`); a retry reuses it. */
  idempotencyKey: z.string().min(1),
  workflowId: z.string().min(1),
  taskId: z.string().min(1).optional(),
  kind: notificationKindSchema,
  /** All recipients go into the To header of one message: the launch's stakeholders of the addressed roles. */
  to: z.array(z.email()).min(1),
  /**
   * The roles the notification is for (set by workflows from the `notify-role-holders` patch on; absent
   * in older in-flight activities, which mail `to` as before): resolved to their holders when sent.
   */
  addressedTo: z.array(addressedRoleSchema).min(1).optional(),
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
