/**
 * A contract's supplementary assignments (aanvullende opdrachten): the portfolio as a table (status,
 * source, side-steering, the panel's route), the intake form for the commissioner's contract line (and for
 * the provider, whose requests count as side-steering), and the vetting form for the joint panel.
 */
import { supplementarySourceKinds, vettingRoutes } from '../../domain/schemas/supplementary';
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import type { SupplementaryPortfolioView } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { CsrfField } from '../components/csrf-field';
import { Alert, ErrorSummary } from '../components/feedback';
import { CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import type { SupplementaryForm } from '../forms/supplementary-forms';
import { formatDate, formatEuros } from '../format';
import { usePage } from '../page-context';
import { SupplementaryBudgetSection } from './supplementary-budget-section';

export interface SupplementaryPageProps {
  contract: { id: string; lotTitle: string; commissioner: string; provider: string; status: string };
  portfolio: SupplementaryPortfolioView;
  /** Who may take a request in: the commissioner's contract line, or the provider (side-steering); none otherwise. */
  intakeAs: 'commissioner' | 'provider' | null;
  /** The joint panel of the lead commissioner (the service checks the role again). */
  mayVet: boolean;
  /** The provider's contract contact or director, who confirms an accepted assignment. */
  mayConfirm?: boolean;
  /** The commissioner's manager or contract manager: the bundling moment and the flexible amount. */
  mayBudget?: boolean;
  /** The college or the manager holding its mandate: written consent to adding spending caps up. */
  mayConsent?: boolean;
  failed?: { form: SupplementaryForm; errors: FieldErrors; values: Record<string, string> };
  done?: SupplementaryForm;
}

export function SupplementaryPage({ contract, portfolio, intakeAs, mayVet, mayConfirm = false, mayBudget = false, mayConsent = false, failed, done }: SupplementaryPageProps) {
  const { t, locale } = usePage();
  const s = (key: string, options?: Record<string, unknown>) => t(`supplementary.${key}`, options);
  const label = (name: string) => (failed && ['bundling', 'flexibleAmount', 'consent'].includes(failed.form) ? s(`budget.fields.${name}`) : s(`fields.${name}`));
  const errorsOf = (form: SupplementaryForm) => (failed?.form === form ? failed.errors : {});
  const valueOf = (form: SupplementaryForm, name: string) => (failed?.form === form ? failed.values[name] : undefined);
  const base = `/contracten/${encodeURIComponent(contract.id)}`;
  const awaitingVetting = portfolio.assignments.filter((a) => a.status === 'vetting');
  const awaitingConfirmation = portfolio.assignments.filter((a) => a.status === 'awaitingConfirmation');
  const open = contract.status !== 'ended';
  return (
    <Layout title={s('title', { contract: contract.lotTitle })}>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={base}>
          {s('backToContract')}
        </a>
      </p>
      {done ? <Alert type="ok">{s(`done.${done}`)}</Alert> : null}
      {failed ? <ErrorSummary errors={failed.errors} labels={Object.fromEntries(Object.keys(failed.errors).map((n) => [n, label(n)]))} /> : null}
      <p className="utrecht-paragraph">{s('intro', { commissioner: contract.commissioner, provider: contract.provider })}</p>

      <Table<SupplementaryAssignment>
        caption={s('caption')}
        rows={portfolio.assignments}
        rowKey={(a) => a.id}
        empty={s('empty')}
        columns={[
          { header: s('columns.title'), rowHeader: true, cell: (a) => a.title },
          { header: s('columns.theme'), cell: (a) => (a.goal === a.theme ? a.theme : `${a.theme}: ${a.goal}`) },
          { header: s('columns.source'), cell: (a) => `${s(`sources.${a.source.kind}`)}: ${a.source.name}` },
          { header: s('columns.sideSteering'), cell: (a) => (a.sideSteering ? s('sideSteeringYes') : s('sideSteeringNo')) },
          { header: s('columns.status'), cell: (a) => s(`statuses.${a.status}`) },
          { header: s('columns.route'), cell: (a) => (a.vetting?.route ? s(`routes.${a.vetting.route}`) : s('none')) },
          { header: s('columns.budget'), numeric: true, cell: (a) => formatEuros(a.budgetCents, locale) },
          { header: s('columns.period'), cell: (a) => `${formatDate(a.period.from, locale)} – ${formatDate(a.period.to, locale)}` },
        ]}
      />

      {open && intakeAs ? (
        <section aria-labelledby="aanvraag-titel">
          <h2 className="utrecht-heading-2" id="aanvraag-titel">
            {s('intakeTitle')}
          </h2>
          <p className="utrecht-paragraph">{s(intakeAs === 'provider' ? 'intakeIntroProvider' : 'intakeIntro')}</p>
          <form method="post" action={`${base}/aanvullende-opdrachten`} noValidate>
            <CsrfField />
            <TextField name="title" label={label('title')} errors={errorsOf('intake')} value={valueOf('intake', 'title')} required />
            <TextField name="theme" label={label('theme')} description={s('help.theme')} errors={errorsOf('intake')} value={valueOf('intake', 'theme')} required />
            <TextField name="goal" label={label('goal')} description={s('help.goal')} errors={errorsOf('intake')} value={valueOf('intake', 'goal')} />
            <TextField name="budget" label={label('budget')} description={s('help.euros')} errors={errorsOf('intake')} value={valueOf('intake', 'budget')} inputMode="decimal" required />
            <TextField name="periodFrom" type="date" label={label('periodFrom')} errors={errorsOf('intake')} value={valueOf('intake', 'periodFrom')} required />
            <TextField name="periodTo" type="date" label={label('periodTo')} errors={errorsOf('intake')} value={valueOf('intake', 'periodTo')} required />
            <SelectField
              name="sourceKind"
              label={label('sourceKind')}
              errors={errorsOf('intake')}
              value={valueOf('intake', 'sourceKind')}
              options={supplementarySourceKinds.map((kind) => ({ value: kind, label: s(`sources.${kind}`) }))}
            />
            <TextField name="sourceName" label={label('sourceName')} description={s('help.sourceName')} errors={errorsOf('intake')} value={valueOf('intake', 'sourceName')} required />
            <TextField name="requestedBy" label={label('requestedBy')} description={s('help.requestedBy')} errors={errorsOf('intake')} value={valueOf('intake', 'requestedBy')} required />
            {intakeAs === 'commissioner' ? (
              <CheckboxField name="outsideContractLine" label={label('outsideContractLine')} description={s('help.outsideContractLine')} errors={errorsOf('intake')} checked={valueOf('intake', 'outsideContractLine') === 'ja'} />
            ) : null}
            <SelectField
              name="reportingRegime"
              label={label('reportingRegime')}
              errors={errorsOf('intake')}
              value={valueOf('intake', 'reportingRegime')}
              options={(['foldedIntoContract', 'own'] as const).map((regime) => ({ value: regime, label: s(`regimes.${regime}`) }))}
            />
            <TextField name="everyMonths" label={label('everyMonths')} description={s('help.everyMonths')} errors={errorsOf('intake')} value={valueOf('intake', 'everyMonths')} inputMode="numeric" />
            <TextField name="spendingCap" label={label('spendingCap')} description={s('help.spendingCap')} errors={errorsOf('intake')} value={valueOf('intake', 'spendingCap')} inputMode="decimal" />
            <div className="regie-form-actions">
              <SubmitButton>{s('intakeSubmit')}</SubmitButton>
            </div>
          </form>
        </section>
      ) : null}

      {open && mayVet ? (
        <section aria-labelledby="toetsing-titel">
          <h2 className="utrecht-heading-2" id="toetsing-titel">
            {s('vettingTitle')}
          </h2>
          <p className="utrecht-paragraph">{s('vettingIntro')}</p>
          {awaitingVetting.length === 0 ? (
            <p className="utrecht-paragraph">{s('nothingToVet')}</p>
          ) : (
            <form method="post" action={`${base}/aanvullende-opdrachten/toetsing`} noValidate>
              <CsrfField />
              <SelectField
                name="assignmentId"
                label={label('assignmentId')}
                errors={errorsOf('vetting')}
                value={valueOf('vetting', 'assignmentId')}
                options={awaitingVetting.map((a) => ({ value: a.id, label: `${a.title} (${formatEuros(a.budgetCents, locale)})` }))}
              />
              <SelectField
                name="decision"
                label={label('decision')}
                errors={errorsOf('vetting')}
                value={valueOf('vetting', 'decision')}
                options={(['accept', 'reject'] as const).map((d) => ({ value: d, label: s(`decisions.${d}`) }))}
              />
              <SelectField
                name="route"
                label={label('route')}
                description={s('help.route')}
                errors={errorsOf('vetting')}
                value={valueOf('vetting', 'route')}
                options={[{ value: '', label: s('none') }, ...vettingRoutes.map((r) => ({ value: r, label: s(`routes.${r}`) }))]}
              />
              <TextField name="changeOptionId" label={label('changeOptionId')} description={s('help.changeOptionId')} errors={errorsOf('vetting')} value={valueOf('vetting', 'changeOptionId')} />
              <SelectField
                name="separateContract"
                label={label('separateContract')}
                errors={errorsOf('vetting')}
                value={valueOf('vetting', 'separateContract')}
                options={[{ value: '', label: s('none') }, ...(['newTender', 'grant'] as const).map((a) => ({ value: a, label: s(`separate.${a}`) }))]}
              />
              <TextAreaField name="reason" label={label('reason')} description={s('help.reason')} errors={errorsOf('vetting')} value={valueOf('vetting', 'reason')} required />
              <div className="regie-form-actions">
                <SubmitButton>{s('vettingSubmit')}</SubmitButton>
              </div>
            </form>
          )}
        </section>
      ) : null}
      {open && mayConfirm ? (
        <section aria-labelledby="bevestiging-titel">
          <h2 className="utrecht-heading-2" id="bevestiging-titel">
            {s('confirmationTitle')}
          </h2>
          <p className="utrecht-paragraph">{s('confirmationIntro')}</p>
          {awaitingConfirmation.length === 0 ? (
            <p className="utrecht-paragraph">{s('nothingToConfirm')}</p>
          ) : (
            <form method="post" action={`${base}/aanvullende-opdrachten/bevestiging`} noValidate>
              <CsrfField />
              <SelectField
                name="assignmentId"
                label={label('assignmentToConfirm')}
                errors={errorsOf('confirmation')}
                value={valueOf('confirmation', 'assignmentId')}
                options={awaitingConfirmation.map((a) => ({ value: a.id, label: `${a.title} (${formatEuros(a.budgetCents, locale)}, ${formatDate(a.period.from, locale)} – ${formatDate(a.period.to, locale)})` }))}
              />
              <SelectField
                name="confirm"
                label={label('confirm')}
                errors={errorsOf('confirmation')}
                value={valueOf('confirmation', 'confirm')}
                options={[{ value: 'ja', label: s('confirmChoices.yes') }, { value: 'nee', label: s('confirmChoices.no') }]}
              />
              <TextAreaField name="note" label={label('note')} errors={errorsOf('confirmation')} value={valueOf('confirmation', 'note')} />
              <div className="regie-form-actions">
                <SubmitButton>{s('confirmationSubmit')}</SubmitButton>
              </div>
            </form>
          )}
        </section>
      ) : null}
      {open ? <SupplementaryBudgetSection portfolio={portfolio} base={base} mayBudget={mayBudget} mayConsent={mayConsent} errorsOf={errorsOf} valueOf={valueOf} /> : null}
    </Layout>
  );
}
