/**
 * The budget work on a contract's supplementary page: at a bundling moment the proposal (small budgets per
 * theme and goal) with a form to approve it or keep some bundles, the flexible amount's proposal from the
 * past years (average, spread, lowest and highest) with a form to decide it, and, for a bundle that adds
 * spending caps up, the written consent (VNG contractstandaard Wmo art. 1.5.8).
 */
import type { SupplementaryAssignment } from '../../domain/supplementary/types';
import type { PendingBundling, SupplementaryPortfolioView } from '../../workflows/supplementary-assignment/supplementary-definitions';
import { CsrfField } from '../components/csrf-field';
import { CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Table } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import { formatDate, formatEuros } from '../format';
import { usePage } from '../page-context';

export interface SupplementaryBudgetSectionProps {
  portfolio: SupplementaryPortfolioView;
  base: string;
  /** The commissioner's manager or contract manager: bundling and the flexible amount. */
  mayBudget: boolean;
  /** The college or the manager holding its mandate: written consent to adding caps up. */
  mayConsent: boolean;
  errorsOf: (form: 'bundling' | 'flexibleAmount' | 'consent') => FieldErrors;
  valueOf: (form: 'bundling' | 'flexibleAmount' | 'consent', name: string) => string | undefined;
}

export function SupplementaryBudgetSection({ portfolio, base, mayBudget, mayConsent, errorsOf, valueOf }: SupplementaryBudgetSectionProps) {
  const { t } = usePage();
  const awaitingConsent = portfolio.bundles.filter((b) => b.status === 'awaitingConsent');
  const titleOf = (id: string) => portfolio.assignments.find((a: SupplementaryAssignment) => a.id === id)?.title ?? id;
  return (
    <>
      {mayBudget ? portfolio.pendingBundling.map((pending) => <BundlingMoment key={pending.year} pending={pending} base={base} titleOf={titleOf} errorsOf={errorsOf} valueOf={valueOf} />) : null}
      {mayBudget ? <FlexibleAmount portfolio={portfolio} base={base} errorsOf={errorsOf} valueOf={valueOf} /> : null}
      {mayConsent && awaitingConsent.length > 0 ? (
        <section aria-labelledby="toestemming-titel">
          <h2 className="utrecht-heading-2" id="toestemming-titel">
            {t('supplementary.budget.consentTitle')}
          </h2>
          <p className="utrecht-paragraph">{t('supplementary.budget.consentIntro')}</p>
          <form method="post" action={`${base}/aanvullende-opdrachten/toestemming`} noValidate>
            <CsrfField />
            <SelectField name="bundleId" label={t('supplementary.budget.fields.bundleId')} errors={errorsOf('consent')} value={valueOf('consent', 'bundleId')} options={awaitingConsent.map((b) => ({ value: b.id, label: `${b.theme}: ${b.goal} (${b.assignmentIds.map(titleOf).join(', ')})` }))} />
            <SelectField
              name="consent"
              label={t('supplementary.budget.fields.consent')}
              errors={errorsOf('consent')}
              value={valueOf('consent', 'consent')}
              options={[{ value: 'ja', label: t('supplementary.budget.consentYes') }, { value: 'nee', label: t('supplementary.budget.consentNo') }]}
            />
            <TextField name="documentReference" label={t('supplementary.budget.fields.documentReference')} description={t('supplementary.budget.help.documentReference')} errors={errorsOf('consent')} value={valueOf('consent', 'documentReference')} required />
            <CheckboxField name="noSubstantialChange" label={t('supplementary.budget.fields.noSubstantialChange')} description={t('supplementary.budget.help.noSubstantialChange')} errors={errorsOf('consent')} checked={valueOf('consent', 'noSubstantialChange') === 'ja'} />
            <TextAreaField name="consentNote" label={t('supplementary.budget.fields.consentNote')} errors={errorsOf('consent')} value={valueOf('consent', 'consentNote')} />
            <div className="regie-form-actions">
              <SubmitButton>{t('supplementary.budget.consentSubmit')}</SubmitButton>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

function BundlingMoment({ pending, base, titleOf, errorsOf, valueOf }: { pending: PendingBundling; base: string; titleOf: (id: string) => string } & Pick<SupplementaryBudgetSectionProps, 'errorsOf' | 'valueOf'>) {
  const { t, locale } = usePage();
  const b = (key: string, options?: Record<string, unknown>) => t(`supplementary.budget.${key}`, options);
  const heading = `bundeling-${pending.year}`;
  return (
    <section aria-labelledby={heading}>
      <h2 className="utrecht-heading-2" id={heading}>
        {b('title', { year: pending.year, due: formatDate(pending.dueDate, locale) })}
      </h2>
      <form method="post" action={`${base}/aanvullende-opdrachten/bundeling`} noValidate>
        <CsrfField />
        <input type="hidden" name="year" value={pending.year} />
        <Table
          caption={b('proposalCaption')}
          rows={pending.proposals.map((proposal, index) => ({ proposal, index }))}
          rowKey={(r) => String(r.index)}
          empty={b('noProposal')}
          columns={[
            { header: b('columns.theme'), rowHeader: true, cell: (r) => `${r.proposal.theme}: ${r.proposal.goal}` },
            { header: b('columns.assignments'), cell: (r) => r.proposal.assignmentIds.map(titleOf).join(', ') },
            { header: b('columns.budget'), numeric: true, cell: (r) => formatEuros(r.proposal.budgetCents, locale) },
            { header: b('columns.caps'), cell: (r) => (r.proposal.combinesSpendingCaps ? b('capsNeedConsent') : b('capsNone')) },
            { header: b('columns.keep'), cell: (r) => <CheckboxField name={`bundle-${pending.year}-${r.index}`} label={b('keep', { theme: r.proposal.theme })} checked /> },
          ]}
        />
        <TextAreaField name="bundlingNote" label={b('fields.bundlingNote')} errors={errorsOf('bundling')} value={valueOf('bundling', 'bundlingNote')} />
        <div className="regie-form-actions">
          <SubmitButton>{b('bundlingSubmit')}</SubmitButton>
        </div>
      </form>

    </section>
  );
}

/** The flexible amount of the coming budget year: the proposal from the past years, what was decided, and the form to decide it. */
function FlexibleAmount({ portfolio, base, errorsOf, valueOf }: Pick<SupplementaryBudgetSectionProps, 'portfolio' | 'base' | 'errorsOf' | 'valueOf'>) {
  const { t, locale } = usePage();
  const b = (key: string, options?: Record<string, unknown>) => t(`supplementary.budget.${key}`, options);
  const flexible = portfolio.flexibleAmountProposal;
  const decided = portfolio.years.find((y) => y.year === flexible.year)?.flexibleAmount;
  return (
    <section aria-labelledby="flexibel-bedrag">
      <h2 className="utrecht-heading-2" id="flexibel-bedrag">
        {b('flexibleTitle', { year: flexible.year })}
      </h2>
      <p className="utrecht-paragraph">
        {flexible.basis.length === 0
          ? b('flexibleNoHistory')
          : b('flexibleBasis', {
              years: flexible.basis.map((y) => `${y.year}: ${formatEuros(y.cents, locale)}`).join('; '),
              average: formatEuros(flexible.averageCents, locale),
              spread: formatEuros(flexible.spreadCents, locale),
              min: formatEuros(flexible.minCents, locale),
              max: formatEuros(flexible.maxCents, locale),
            })}
      </p>
      {decided ? <p className="utrecht-paragraph">{b('flexibleDecided', { amount: formatEuros(decided.amountCents, locale), on: formatDate(decided.decidedOn, locale) })}</p> : null}
      <form method="post" action={`${base}/aanvullende-opdrachten/flexibel-bedrag`} noValidate>
        <CsrfField />
        <input type="hidden" name="year" value={flexible.year} />
        <TextField name="amount" label={b('fields.amount')} description={b('help.amount', { proposed: formatEuros(flexible.proposedCents, locale) })} errors={errorsOf('flexibleAmount')} value={valueOf('flexibleAmount', 'amount') ?? (flexible.proposedCents / 100).toFixed(2).replace('.', ',')} inputMode="decimal" required />
        <TextAreaField name="flexibleNote" label={b('fields.flexibleNote')} errors={errorsOf('flexibleAmount')} value={valueOf('flexibleAmount', 'flexibleNote')} />
        <div className="regie-form-actions">
          <SubmitButton>{b('flexibleSubmit')}</SubmitButton>
        </div>
      </form>
    </section>
  );
}
