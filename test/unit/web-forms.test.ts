/** The pages' forms turned into the domain's requests, and the domain's issues put next to the right field. */
import { euroCents } from '../../web/forms/form-body';
import { parseAwardForm } from '../../web/forms/tender-action-forms';
import { emptyTenderLaunchValues, parseTenderLaunch, type TenderLaunchValues } from '../../web/forms/tender-launch-form';
import { parseReportForm } from '../../web/forms/task-forms';
import { translatorFor } from '../../web/i18n';

const valid: TenderLaunchValues = {
  ...emptyTenderLaunchValues('Gemeente Zaanstad'),
  title: 'Sociale wijkteams Zaanstad',
  estimatedValue: '12.500.000',
  contractStart: '2028-01-01',
  lots: 'noord; Wijkteam Noord; Zaanstad-Noord\nzuid; Wijkteam Zuid; Zaanstad-Zuid',
  stakeholders: [
    'procurementOfficer; Gemeente Zaanstad; inkoop@zaanstad.nl; Ines Inkoop',
    'contractManager; Gemeente Zaanstad; contract@zaanstad.nl',
    'manager; Gemeente Zaanstad; manager@zaanstad.nl',
    'college; Gemeente Zaanstad; college@zaanstad.nl',
    'implementationAdviser; Gemeente Zaanstad; advies@zaanstad.nl',
    'chainCoordinator; Gemeente Zaanstad; keten@zaanstad.nl',
  ].join('\n'),
  kpis: 'Bereik; aantal huishoudens geholpen; meetbaar\nTevredenheid; het verhaal van bewoners; verhaal',
};

describe('the tender launch form', () => {
  it('reads lots, stakeholders and KPIs one per line, and the amount in euros', () => {
    const parsed = parseTenderLaunch(valid, 'nl', 'regel');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.request.estimatedValueCents).toBe(1_250_000_000);
    expect(parsed.request.lots.map((l) => l.id)).toEqual(['noord', 'zuid']);
    expect(parsed.request.stakeholders[0]).toEqual({ role: 'procurementOfficer', organisation: 'Gemeente Zaanstad', email: 'inkoop@zaanstad.nl', name: 'Ines Inkoop' });
    expect(parsed.request.kpis.map((k) => k.measurable)).toEqual([true, false]);
    expect(parsed.request.commissioners).toEqual([{ organisation: 'Gemeente Zaanstad', kind: 'municipality', actsFor: [] }]);
  });

  it('puts each issue next to its field, in Dutch, naming the line of a list', () => {
    const parsed = parseTenderLaunch({ ...valid, title: 'x', estimatedValue: 'veel', lots: 'noord; Noord; N\nZuid!; Zuid; Z' }, 'nl', 'regel');
    if (parsed.ok) throw new Error('accepted');
    expect(Object.keys(parsed.errors)).toEqual(['title', 'estimatedValue', 'lots']);
    expect(parsed.errors.title).toMatch(/^Te kort/);
    expect(parsed.errors.estimatedValue).toBe('Vul een getal in; een bedrag in euro zoals 1.250.000 of 1250000,50');
    expect(parsed.errors.lots).toBe('regel 2: id: lowercase letters, digits and dashes, at most 40');
  });

  it('says in words, in the page language, that a field is empty or needs a number', () => {
    const dutch = parseTenderLaunch({ ...valid, estimatedValue: '' }, 'nl', 'regel');
    const english = parseTenderLaunch({ ...valid, estimatedValue: 'lots' }, 'en', 'line');
    if (dutch.ok || english.ok) throw new Error('accepted');
    expect(dutch.errors.estimatedValue).toBe('Vul dit veld in');
    expect(english.errors.estimatedValue).toBe('Enter a number; an amount in euros such as 1,250,000 or 1250000.50');
  });

  it('refuses a European procedure with a standstill under 20 days on the standstill field, citing the article', () => {
    const parsed = parseTenderLaunch({ ...valid, procurementForm: 'europeanOpen', standstillDays: '10' }, 'nl', 'regel');
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors.standstillDays).toContain('art. 2.127 lid 3');
  });

  it('makes a purchasing body of a commissioner that acts for municipalities', () => {
    const parsed = parseTenderLaunch({ ...valid, actsFor: 'Gemeente Zaanstad\nGemeente Purmerend' }, 'nl', 'regel');
    expect(parsed.ok && parsed.request.commissioners[0]).toEqual({ organisation: 'Gemeente Zaanstad', kind: 'purchasingBody', actsFor: ['Gemeente Zaanstad', 'Gemeente Purmerend'] });
  });
});

describe('amounts in euros', () => {
  it.each([
    ['1.250.000', 125_000_000],
    ['1250000,50', 125_000_050],
    ['€ 12,5', 1_250],
    ['1250000.50', 125_000_050],
  ])('reads %s as %d cents', (text, cents) => expect(euroCents(text)).toBe(cents));

  it('keeps an unreadable amount as text, so the schema names it', () => expect(euroCents('veel')).toBe('veel'));
});

describe('the award form', () => {
  it('reads one lot per line and names the line of an invalid email', () => {
    const parsed = parseAwardForm({ awardLots: 'noord; DOCK; info@dock.nl; 1.000.000\nzuid; Leger des Heils; geen-adres; 900.000' }, 'nl', 'regel');
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors.awardLots).toMatch(/^regel 2: providerEmail: /);
  });
});

describe('the accountability report', () => {
  const t = translatorFor('nl');
  const kpis = [
    { name: 'Bereik', definition: 'huishoudens', measurable: true },
    { name: 'Tevredenheid', definition: 'verhaal', measurable: false },
  ];

  it('takes a figure per measurable KPI and a story per other one, with links as attachments, in the note', () => {
    const parsed = parseReportForm({ summary: 'Goed kwartaal', 'kpi-1': '12,5', 'kpi-2': 'Bewoners zijn tevreden', attachments: 'https://docs.dock.nl/q1.pdf' }, kpis, t);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.request.outcome).toBe('Rapportage ingediend');
    expect(parsed.request.note).toBe('Goed kwartaal\n\nCijfers:\n- Bereik: 12.5\n\nVerhalen:\n- Tevredenheid: Bewoners zijn tevreden\n\nBijlagen:\n- https://docs.dock.nl/q1.pdf');
  });

  it('refuses a figure that is not a number, a missing story and a link that is not one, each on its field', () => {
    const parsed = parseReportForm({ summary: 'x', 'kpi-1': 'veel', 'kpi-2': '', attachments: 'ftp://x' }, kpis, t);
    if (parsed.ok) throw new Error('accepted');
    expect(parsed.errors).toEqual({ 'kpi-1': 'Vul een getal in, zoals 12 of 12,5.', 'kpi-2': 'Vertel het verhaal bij deze indicator.', attachments: 'Geen geldige link: ftp://x' });
  });
});
