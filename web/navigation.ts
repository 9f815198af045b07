/**
 * Where each person works, by the roles they hold today: the landing page sends them to the first of
 * their places, the menu lists all of them.
 */
import type { Principal } from '../api/auth/principal';
import { providerRoles, type Role } from '../domain/glossary';

export interface Place {
  path: string;
  /** Key in the catalogues (web/locales). */
  labelKey: string;
}

export const places = {
  myTasks: { path: '/mijn-taken', labelKey: 'nav.myTasks' },
  tenders: { path: '/aanbestedingen', labelKey: 'nav.tenders' },
  overview: { path: '/overzicht', labelKey: 'nav.overview' },
  roles: { path: '/beheer/rollen', labelKey: 'nav.roles' },
  mail: { path: '/post', labelKey: 'nav.mail' },
} satisfies Record<string, Place>;

const placeOfRole = (role: Role): Place | undefined => {
  if ((providerRoles as readonly Role[]).includes(role)) return places.myTasks;
  if (role === 'procurementOfficer') return places.tenders;
  if (role === 'contractManager' || role === 'manager') return places.overview;
  if (role === 'administrator') return places.roles;
  return undefined;
};

/** The places of a principal, most specific work first (provider tasks, tenders, overview, roles). */
export function placesOf(principal: Principal): Place[] {
  const order: Place[] = [places.myTasks, places.tenders, places.overview, places.roles];
  const held = new Set(principal.holdings.map((h) => placeOfRole(h.role)).filter((p): p is Place => p !== undefined));
  return order.filter((place) => held.has(place));
}

/** Where the landing page sends a principal: their first place, or null when no role leads anywhere. */
export function homeOf(principal: Principal): string | null {
  return placesOf(principal)[0]?.path ?? null;
}
