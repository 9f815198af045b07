/** The backward plan shown before a tender is launched, with the legal periods and their sources. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { planTender } from '../../domain/tender-plan';
import { translatorFor } from '../../web/i18n';
import { PageContextProvider, type PageContext } from '../../web/page-context';
import { PlanPreview } from '../../web/components/plan-preview';

const context: PageContext = { locale: 'nl', t: translatorFor('nl'), principal: null, path: '/', csrfToken: 't', oidcEnabled: false, mailCaptureEnabled: false };
const render = (plan: ReturnType<typeof planTender>) => renderToString(createElement(PageContextProvider, { value: context }, createElement(PlanPreview, { plan })));

describe('PlanPreview', () => {
  const plan = planTender({ procurementForm: 'europeanOpen', electronicSubmission: true, contractStart: '2028-01-01', today: '2026-12-02' });

  it('lists every step in order with its owner and due date, in a table with a caption and column headers', () => {
    const html = render(plan);
    expect(html).toContain('<caption class="utrecht-table__caption">Stappen van de aanbesteding met hun uiterste datum</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(4);
    const steps = [...html.matchAll(/<th scope="row" class="utrecht-table__header-cell">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(steps).toEqual(['Evaluatie huidige contract', 'Input huidige aanbieders', 'Marktconsultatie', 'Collegebesluit', 'Publicatie (TenderNed)', 'Nota van inlichtingen', 'Sluiting inschrijving', 'Beoordeling inschrijvingen', 'Gunningsbeslissing', 'Opschortende termijn (Alcatel)', 'Definitieve gunning', 'Ondertekening contract', 'Transitie en onboarding']);
    const publication = plan.milestones.find((m) => m.key === 'publication')!;
    const [year, month, day] = publication.dueDate.split('-').map(Number);
    const dutch = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year!, month! - 1, day));
    expect(html).toMatch(new RegExp(`Publicatie \\(TenderNed\\)</th><td class="utrecht-table__cell">inkoper</td><td class="utrecht-table__cell">${dutch}</td>`));
  });

  it('names the legal periods the plan keeps with their sources: the open procedure shortened for electronic submission, the standstill', () => {
    const html = render(plan);
    expect(html).toContain('ten minste 40 dagen');
    expect(html).toContain('bron: Aanbestedingswet 2012 art. 2.71 lid 1, art. 2.74a');
    expect(html).toContain('bron: Aanbestedingswet 2012 art. 2.127 lid 3');
  });

  it('says a light-regime standstill is a term of the tender documents, not of the law', () => {
    const light = planTender({ procurementForm: 'socialServicesLightRegime', electronicSubmission: true, contractStart: '2028-01-01', today: '2026-12-02' });
    expect(render(light)).toContain('bron: aanbestedingsstukken, geen wettelijke termijn');
  });
});
