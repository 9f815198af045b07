import { z } from 'zod';
import { roleSchema } from './glossary';

/**
 * Who does something: a role within an organisation, optionally with the person's name for the record.
 * The API builds it from the signed-in principal (api/auth/actor.ts), never from a request body; `principal`
 * names who acted (a person's email, or `token:<label>` for an API token) for the audit trail
 * (`event.actor_principal`). Optional: earlier histories carry actors without it.
 */
export const actorSchema = z.object({
  role: roleSchema,
  organisation: z.string().trim().min(1),
  name: z.string().trim().min(1).optional(),
  principal: z.string().trim().min(1).max(320).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const stakeholderSchema = z.object({
  role: roleSchema,
  organisation: z.string().trim().min(1),
  email: z.email(),
  name: z.string().trim().min(1).optional(),
});
export type Stakeholder = z.infer<typeof stakeholderSchema>;

/**
 * In a request body, `by` (or `launchedBy`) is refused, naming where the actor comes from: a client that
 * still sends one would otherwise believe it acts as whoever it names.
 */
export const noActorInBodySchema = z
  .never({ error: 'the actor comes from your sign-in (session or API token), not from the request body: leave this field out' })
  .optional();
