/** The Dutch and English catalogues of the pages share one key set, and every role, step and status has its words. */
import { tenderStepKeys } from '../../domain/glossary';
import { scheduleMilestoneKinds } from '../../domain/contract-schedule';
import { catalogues, translatorFor } from '../../web/i18n';
import { homeOf, placesOf } from '../../web/navigation';
import type { Principal } from '../../api/auth/principal';
import { roleSchema } from '../../domain/schemas/glossary';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value as object, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

describe('catalogues', () => {
  it('have the same keys in Dutch and English, none empty', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues.nl).sort());
    for (const catalogue of [catalogues.nl, catalogues.en]) {
      const empty = keys(catalogue).filter((key) => String(key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue)).trim() === '');
      expect(empty).toEqual([]);
    }
  });

  it.each(['nl', 'en'] as const)('name every role, tender step and term item in %s', (locale) => {
    const t = translatorFor(locale);
    const missing = [
      ...roleSchema.options.map((r) => `roles.${r}`),
      ...tenderStepKeys.map((s) => `steps.${s}`),
      ...scheduleMilestoneKinds.map((k) => `milestones.${k}`),
      ...['planned', 'open', 'overdue', 'done', 'cancelled'].map((s) => `status.${s}`),
    ].filter((key) => t(key) === key);
    expect(missing).toEqual([]);
  });
});

describe('where people work', () => {
  const principal = (holdings: Principal['holdings']): Principal => ({ kind: 'person', id: 'p', label: 'p@x.nl', name: 'P', locale: 'nl', holdings });

  it('sends a provider to their tasks, procurement to tenders, contract managers to the overview, an administrator to the roles', () => {
    expect(homeOf(principal([{ role: 'teamLead', organisation: 'DOCK' }]))).toBe('/mijn-taken');
    expect(homeOf(principal([{ role: 'contractManager', organisation: 'G' }, { role: 'procurementOfficer', organisation: 'G' }]))).toBe('/aanbestedingen');
    expect(homeOf(principal([{ role: 'manager', organisation: 'G' }]))).toBe('/overzicht');
    expect(homeOf(principal([{ role: 'administrator', organisation: 'G' }]))).toBe('/beheer/rollen');
    expect(homeOf(principal([]))).toBeNull();
  });

  it('lists the rest in the menu, with their own tasks for anyone who has tasks', () => {
    expect(placesOf(principal([{ role: 'manager', organisation: 'G' }, { role: 'administrator', organisation: 'G' }])).map((p) => p.path)).toEqual(['/mijn-taken', '/overzicht', '/beheer/rollen', '/agenda']);
    expect(placesOf({ ...principal([{ role: 'manager', organisation: 'G' }]), kind: 'apiToken' }).map((p) => p.path)).toEqual(['/mijn-taken', '/overzicht']);
    expect(placesOf(principal([{ role: 'administrator', organisation: 'G' }])).map((p) => p.path)).toEqual(['/beheer/rollen']);
  });
});
