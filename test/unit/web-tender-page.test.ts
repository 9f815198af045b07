/** A tender's page from its timeline: awards and objections in tables, the forms only while it runs, a pending objection's resolution form. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { TenderTimeline } from '../../workflows/tender/tender-definitions';
import { parseResolutionForm } from '../../web/forms/tender-action-forms';
import { translatorFor } from '../../web/i18n';
import { PageContextProvider, type PageContext } from '../../web/page-context';
import { TenderPage } from '../../web/pages/tender-page';

const context: PageContext = { locale: 'nl', t: translatorFor('nl'), principal: null, path: '/aanbestedingen/t1', csrfToken: 'tok', oidcEnabled: false, mailCaptureEnabled: false };

const timeline: TenderTimeline = {
  tenderId: 't1',
  title: 'Sociale Wijkteams Zaanstad 2029',
  phase: 'standstill',
  status: 'active',
  contractStart: '2028-01-01',
  milestones: [{ key: 'awardDecision', label: '', owner: { role: 'procurementOfficer', organisation: 'Gemeente Zaanstad' }, dueDate: '2027-09-01', status: 'done', tasks: [] }],
  awards: [{ round: 1, decidedAt: '2027-09-01T08:00:00Z', standstillEndsAt: '2027-09-21T22:00:00Z', status: 'provisional', lots: [{ lotId: 'noord', provider: 'DOCK', valueCents: 32_000_000_00 }] }],
  objections: [{ id: 'b1', awardRound: 1, lotId: 'noord', organisation: 'Leger des Heils', reason: 'Beoordeling niet navolgbaar', registeredAt: '2027-09-05T10:00:00Z', status: 'pending' }],
  contracts: [],
};

const render = (t: TenderTimeline) => renderToString(createElement(PageContextProvider, { value: context }, createElement(TenderPage, { tenderId: 't1', timeline: t, leadOrganisation: 'Gemeente Zaanstad' })));

describe('TenderPage', () => {
  it('shows the award and the pending objection, and a form to resolve it', () => {
    const html = render(timeline);
    expect(html).toMatch(/<th scope="row" class="utrecht-table__header-cell">noord<\/th><td class="utrecht-table__cell">DOCK<\/td><td class="utrecht-table__cell utrecht-table__cell--numeric-data">€\s32\.000\.000,00<\/td>/);
    expect(html).toContain('Beoordeling niet navolgbaar');
    expect(html).toContain('action="/aanbestedingen/t1/bezwaar-afhandelen"');
    expect(html).toMatch(/<option value="b1">[^<]*Beoordeling niet navolgbaar<\/option>/);
    expect(html.match(/<form /g)).toHaveLength(4);
    expect(html.match(/name="_csrf" value="tok"/g)).toHaveLength(4);
  });

  it('offers no forms on a cancelled tender, and says why it was cancelled', () => {
    const html = render({ ...timeline, status: 'cancelled', objections: [], cancellation: { reason: 'Geen budget', by: { role: 'manager', organisation: 'Gemeente Zaanstad' }, at: '2027-10-01T00:00:00Z' } });
    expect(html).not.toContain('<form ');
    expect(html).toContain('Deze aanbesteding is geannuleerd: Geen budget');
  });
});

describe('the resolution form', () => {
  it('needs the objection, an outcome and a note', () => {
    expect(parseResolutionForm({ resolveObjection: 'b1', resolveOutcome: 'rejected', resolveNote: 'Beoordeling is navolgbaar' }, 'nl')).toMatchObject({ ok: true, request: { objectionId: 'b1', outcome: 'rejected', note: 'Beoordeling is navolgbaar' } });
    const refused = parseResolutionForm({ resolveObjection: 'b1', resolveOutcome: 'maybe', resolveNote: '' }, 'nl');
    expect(refused.ok).toBe(false);
    expect(Object.keys(refused.ok ? {} : refused.errors).sort()).toEqual(['resolveNote', 'resolveOutcome']);
  });
});
