/** The accountability report page names the supplementary assignments whose reporting is folded into the conversation. */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { FoldedAssignment } from '../../api/services/supplementary-reporting';
import { translatorFor } from '../../web/i18n';
import { PageContextProvider, type PageContext } from '../../web/page-context';
import { TaskPage, type TaskPageProps } from '../../web/pages/task-pages';

const context: PageContext = { locale: 'nl', t: translatorFor('nl'), principal: null, path: '/taken/t1', csrfToken: 'tok', oidcEnabled: false, mailCaptureEnabled: false };

const task = {
  id: 'c1:report:p2',
  workflowId: 'contract-c1-accountability-p2',
  tenderId: null,
  contractId: 'c1',
  kind: 'accountabilityReport',
  title: 'Verantwoordingsrapportage Q2',
  role: 'contractContact',
  organisation: 'DOCK',
  dueDate: '2027-07-31',
  status: 'open',
  overdue: false,
  openedAt: '2027-07-01T07:00:00.000Z',
  escalatedAt: null,
  completedAt: null,
  completedBy: null,
  outcome: null,
  note: null,
} satisfies TaskPageProps['task'];

const folded: FoldedAssignment[] = [
  { id: 'c1-sa-1', title: 'Huiswerkbegeleiding', theme: 'Preventie jeugd', goal: 'Minder schooluitval', regime: 'foldedIntoContract', bundleId: null, periodFrom: '2027-03-01', periodTo: '2027-12-31' },
  { id: 'c1-sa-2', title: 'Buurtsportcoach', theme: 'Bewegen', goal: 'Meer bewegen', regime: 'bundle', bundleId: 'c1-bundle-2028-1', periodFrom: '2027-06-30', periodTo: '2027-09-30' },
];

const render = (props: Partial<TaskPageProps>) =>
  renderToString(createElement(PageContextProvider, { value: context }, createElement(TaskPage, { task, kpis: [{ name: 'Bereik', definition: 'Binnen 5 dagen gesproken', measurable: true }], mayComplete: true, ...props })));

test('the report form lists the folded assignments, the bundled one with its bundle', () => {
  const html = render({ foldedAssignments: folded });
  expect(html).toContain('Aanvullende opdrachten in dit gesprek');
  expect(html).toContain('Huiswerkbegeleiding (doel: Minder schooluitval)');
  expect(html).toContain('(gebundeld in c1-bundle-2028-1)');
});

test('without folded assignments the report form has no such section', () => {
  expect(render({})).not.toContain('Aanvullende opdrachten in dit gesprek');
});

test("a task completed by its decision (the panel's vetting) links to the contract's supplementary page instead of offering a completion form", () => {
  const html = render({ task: { ...task, kind: 'supplementaryVetting', role: 'jointPanel', organisation: 'Gemeente Zaanstad' }, kpis: undefined });
  expect(html).toContain('href="/contracten/c1/aanvullende-opdrachten"');
  expect(html).not.toContain('<form ');
});
