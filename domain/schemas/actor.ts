import { z } from 'zod';
import { roleSchema } from '../glossary';

/** Who does something: a role within an organisation, optionally with the person's name for the record. */
export const actorSchema = z.object({
  role: roleSchema,
  organisation: z.string().trim().min(1),
  name: z.string().trim().min(1).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const stakeholderSchema = z.object({
  role: roleSchema,
  organisation: z.string().trim().min(1),
  email: z.email(),
  name: z.string().trim().min(1).optional(),
});
export type Stakeholder = z.infer<typeof stakeholderSchema>;
