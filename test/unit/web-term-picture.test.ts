/** The contract term as a picture: the layout of years, periods, options and markers, and the SVG with its text alternative. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { PageContextProvider, type PageContext } from '../../web/page-context';
import { translatorFor } from '../../web/i18n';
import { layoutTerm, PICTURE, type TermPictureInput } from '../../web/term-picture/term-layout';
import { TermPicture } from '../../web/term-picture/term-picture';
import type { ContractTimelineItem } from '../../workflows/contract-term/contract-definitions';

const context = (locale: 'nl' | 'en'): PageContext => ({ locale, t: translatorFor(locale), principal: null, path: '/', csrfToken: 't', oidcEnabled: false, mailCaptureEnabled: false });

const items: ContractTimelineItem[] = [
  { key: 'accountabilityReport:p1', kind: 'accountabilityReport', label: '', date: '2027-04-30', status: 'done' },
  { key: 'accountabilityConversation:p1', kind: 'accountabilityConversation', label: '', date: '2027-05-21', status: 'overdue' },
  { key: 'accountabilityReport:p2', kind: 'accountabilityReport', label: '', date: '2027-07-30', status: 'open' },
  { key: 'midtermReview:2031-01-01', kind: 'midtermReview', label: '', date: '2031-01-01', status: 'planned' },
  { key: 'noticeDeadline:2034-07-01', kind: 'noticeDeadline', label: '', date: '2034-07-01', status: 'planned' },
  { key: 'termEnd:2034-12-31', kind: 'termEnd', label: '', date: '2034-12-31', status: 'planned' },
];

const input: TermPictureInput = {
  startDate: '2027-01-01',
  endDate: '2034-12-31',
  periodMonths: 3,
  extensionOptions: { count: 2, monthsEach: 24 },
  items,
  today: '2027-06-15',
};

const render = (locale: 'nl' | 'en' = 'nl') => renderToString(createElement(PageContextProvider, { value: context(locale) }, createElement(TermPicture, { input })));

describe('layoutTerm', () => {
  const layout = layoutTerm(input);

  it('spans the term and both extension options, from the left margin to the right one', () => {
    expect(layout.end).toBe('2038-12-31');
    expect(layout.x('2027-01-01')).toBe(PICTURE.left);
    expect(layout.x('2038-12-31')).toBeCloseTo(PICTURE.width - PICTURE.right);
    expect(layout.extensions.map((e) => [e.from, e.to])).toEqual([
      ['2034-12-31', '2036-12-31'],
      ['2036-12-31', '2038-12-31'],
    ]);
    expect(layout.term.x + layout.term.width).toBeCloseTo(layout.extensions[0]!.x);
  });

  it('marks every year from the start, one quarterly period after another, and the midterm and notice deadline at their dates', () => {
    expect(layout.years.map((y) => y.label)).toEqual(Array.from({ length: 12 }, (_, i) => String(2027 + i)));
    expect(layout.periods).toHaveLength(32);
    expect(layout.periods[1]!.from).toBe('2027-04-01');
    expect(layout.periods.at(-1)!.to).toBe('2034-12-31');
    expect(layout.midterm?.date).toBe('2031-01-01');
    expect(layout.notice?.x).toBeCloseTo(layout.x('2034-07-01'));
    expect(layout.today?.date).toBe('2027-06-15');
  });

  it('stacks items of the same day instead of drawing one over the other', () => {
    const sameDay = layoutTerm({ ...input, items: [items[0]!, { ...items[2]!, date: items[0]!.date }] });
    expect(sameDay.items.map((i) => i.row)).toEqual([0, 1]);
  });

  it('draws no today marker outside the term', () => {
    expect(layoutTerm({ ...input, today: '2026-01-01' }).today).toBeUndefined();
  });
});

describe('TermPicture', () => {
  it('is an image with a title and a description that says the whole term in words', () => {
    const svg = render();
    expect(svg).toMatch(/<svg [^>]*role="img"[^>]*aria-labelledby="looptijd-titel looptijd-beschrijving"/);
    expect(svg).toContain('<title id="looptijd-titel">Looptijd van het contract</title>');
    expect(svg).toContain('Looptijd van 1 januari 2027 tot 31 december 2034, met 2 verlengingsoptie(s) van 24 maanden; 32 verantwoordingsperiodes; tussentijdse evaluatie op 1 januari 2031; uiterste datum mededeling verlenging 1 juli 2034. Momenten: 1 afgerond, 1 open, 1 te laat, 3 gepland.');
  });

  it('draws the options, the periods, the markers and every item with its status, overdue as a triangle', () => {
    const svg = render();
    expect(svg.match(/data-testid="extension-option"/g)).toHaveLength(2);
    expect(svg.match(/data-testid="accountability-period"/g)).toHaveLength(32);
    expect(svg).toContain('data-testid="midterm-marker"');
    expect(svg).toContain('data-testid="notice-marker"');
    expect(svg).toContain('data-testid="today-marker"');
    expect(svg.match(/data-testid="term-item"/g)).toHaveLength(items.length);
    expect(svg).toMatch(/data-status="overdue"><title>Verantwoordingsgesprek: 21 mei 2027, Te laat<\/title><polygon class="item-overdue"/);
    expect(svg).toMatch(/data-status="done"><title>[^<]*<\/title><circle class="item-done"/);
  });

  it('speaks English on an English page', () => {
    expect(render('en')).toContain("<title id=\"looptijd-titel\">The contract&#x27;s term</title>");
  });
});
