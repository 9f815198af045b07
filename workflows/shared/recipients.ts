/**
 * Who holds a role: tasks go to roles within an organisation, never to one person; a notification
 * goes to the addresses of the stakeholders holding the role, each once.
 */
import type { Role } from '../../domain/glossary';
import type { Stakeholder } from '../../domain/schemas/actor';

export function recipientsOf(stakeholders: readonly Stakeholder[], role: Role, organisation: string): string[] {
  return [...new Set(stakeholders.filter((s) => s.role === role && s.organisation === organisation).map((s) => s.email))];
}
