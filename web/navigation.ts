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
  calendar: { path: '/agenda', labelKey: 'nav.calendar' },
  mail: { path: '/post', labelKey: 'nav.mail' },
} satisfies Record<string, Place>;

const placeOfRole = (role: Role): Place | undefined => {
  if ((providerRoles as readonly Role[]).includes(role)) return places.myTasks;
  if (role === 'procurementOfficer') return places.tenders;
  if (role === 'contractManager' || role === 'manager') return places.overview;
  if (role === 'administrator') return places.roles;
  return undefined;
};

const order: Place[] = [places.myTasks, places.tenders, places.overview, places.roles];

/** The places the roles lead to, in the order of `order`. */
function placesOfRoles(principal: Principal): Place[] {
  const held = new Set(principal.holdings.map((h) => placeOfRole(h.role)).filter((p): p is Place => p !== undefined));
  return order.filter((place) => held.has(place));
}

/**
 * The menu of a principal: the places of their roles, their own tasks whenever they hold a role with
 * tasks, and a person's calendar feed.
 */
export function placesOf(principal: Principal): Place[] {
  const own = placesOfRoles(principal);
  const hasTasks = principal.holdings.some((h) => h.role !== 'administrator');
  const menu = hasTasks && !own.includes(places.myTasks) ? order.filter((p) => p === places.myTasks || own.includes(p)) : own;
  return principal.kind === 'person' && hasTasks ? [...menu, places.calendar] : menu;
}

/** Where the landing page sends a principal: the place of their most specific role, else their tasks; null without any role. */
export function homeOf(principal: Principal): string | null {
  return (placesOfRoles(principal)[0] ?? placesOf(principal)[0])?.path ?? null;
}
