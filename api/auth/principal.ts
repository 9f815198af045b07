/**
 * Who is making a request: a signed-in person (session cookie) or an organisation's machine client (API
 * token). Routes and pages act as the principal, never as an actor named in the request body.
 */
import type { Role } from '../../domain/glossary';

/** A role held within an organisation, today. */
export interface RoleHolding {
  role: Role;
  organisation: string;
}

export interface Principal {
  kind: 'person' | 'apiToken';
  /** The person's id or the API token's id. */
  id: string;
  /** The audit trail's name for who acted: the person's email, or `token:<label>` for an API token. */
  label: string;
  /** The person's name (or the token's label), shown and recorded as the actor's name. */
  name: string;
  email?: string;
  locale: 'nl' | 'en';
  /** The roles held today (a person's current assignments; a token's roles in its organisation). */
  holdings: RoleHolding[];
}

/** The organisations a principal acts for today. */
export function organisationsOf(principal: Principal): string[] {
  return [...new Set(principal.holdings.map((h) => h.organisation))];
}

/** Whether the principal holds one of these roles within the organisation. */
export function holdsRole(principal: Principal, organisation: string, roles: readonly Role[]): boolean {
  return principal.holdings.some((h) => h.organisation === organisation && roles.includes(h.role));
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authenticate hook (api/auth/authenticate.ts); null when nobody signed in. */
    principal: Principal | null;
  }
}
