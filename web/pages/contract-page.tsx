/**
 * A contract's page: its whole term as a picture with the same items in a table, and for the
 * commissioner's staff the midterm review and end decision forms.
 */
import type { ContractTimelineItem } from '../../workflows/contract-term/contract-definitions';
import { CsrfField } from '../components/csrf-field';
import { Alert, ErrorSummary, StatusBadge } from '../components/feedback';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import { formatDate, formatEuros } from '../format';
import { usePage } from '../page-context';
import { TermPicture } from '../term-picture/term-picture';
import type { TermPictureInput } from '../term-picture/term-layout';

export type ContractForm = 'midterm' | 'end';

export interface ContractPageProps {
  contract: { id: string; lotTitle: string; commissioner: string; provider: string; valueCents: number; startDate: string; endDate: string; status: string };
  picture: TermPictureInput;
  timeline: ContractTimelineItem[];
  /** The commissioner's staff may decide (the service checks the role again). */
  mayDecide: boolean;
  failed?: { form: ContractForm; errors: FieldErrors; values: Record<string, string> };
  done?: ContractForm;
}

export function ContractPage({ contract, picture, timeline, mayDecide, failed, done }: ContractPageProps) {
  const { t, locale } = usePage();
  const errorsOf = (form: ContractForm) => (failed?.form === form ? failed.errors : {});
  const valueOf = (form: ContractForm, name: string) => (failed?.form === form ? failed.values[name] : undefined);
  const label = (name: string) => t(`contract.fields.${name}`);
  const base = `/contracten/${encodeURIComponent(contract.id)}`;
  return (
    <Layout title={contract.lotTitle}>
      {done ? <Alert type="ok">{t(`contract.done.${done}`)}</Alert> : null}
      {failed ? <ErrorSummary errors={failed.errors} labels={Object.fromEntries(Object.keys(failed.errors).map((n) => [n, label(n)]))} /> : null}
      <dl className="utrecht-data-list utrecht-data-list--rows">
        {(
          [
            ['commissioner', contract.commissioner],
            ['provider', contract.provider],
            ['value', formatEuros(contract.valueCents, locale)],
            ['term', `${formatDate(contract.startDate, locale)} – ${formatDate(contract.endDate, locale)}`],
            ['status', t(`contractStatus.${contract.status}`, { defaultValue: contract.status })],
          ] as const
        ).map(([key, value]) => (
          <div className="utrecht-data-list__item" key={key}>
            <dt className="utrecht-data-list__item-key">{t(`contract.summary.${key}`)}</dt>
            <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="utrecht-paragraph">
        <a className="utrecht-link" href={`${base}/aanvullende-opdrachten`}>
          {t('contract.supplementaryLink')}
        </a>
      </p>

      <h2 className="utrecht-heading-2">{t('contract.picture.heading')}</h2>
      <TermPicture input={picture} />

      <Table
        caption={t('contract.timelineCaption')}
        rows={timeline}
        rowKey={(i) => i.key}
        empty={t('contract.noItems')}
        columns={[
          { header: t('contract.item'), rowHeader: true, cell: (i) => t(`milestones.${i.kind}`) },
          { header: t('tenders.plan.due'), cell: (i) => formatDate(i.date, locale) },
          { header: t('status.label'), cell: (i) => <StatusBadge status={i.status}>{t(`status.${i.status}`)}</StatusBadge> },
        ]}
      />

      {mayDecide && contract.status !== 'ended' ? (
        <>
          <section aria-labelledby="tussentijds-titel">
            <h2 className="utrecht-heading-2" id="tussentijds-titel">{t('contract.midtermTitle')}</h2>
            <p className="utrecht-paragraph">{t('contract.midtermIntro')}</p>
            <form method="post" action={`${base}/tussentijdse-evaluatie`} noValidate>
              <CsrfField />
              <SelectField
                name="midtermDecision"
                label={label('midtermDecision')}
                errors={errorsOf('midterm')}
                value={valueOf('midterm', 'midtermDecision')}
                options={(['continue', 'revise', 'end'] as const).map((d) => ({ value: d, label: t(`contract.midtermDecisions.${d}`) }))}
              />
              <TextAreaField name="midtermRationale" label={label('midtermRationale')} errors={errorsOf('midterm')} value={valueOf('midterm', 'midtermRationale')} required />
              <fieldset className="utrecht-form-fieldset regie-fieldset">
                <legend className="utrecht-form-fieldset__legend">{t('contract.revisionLegend')}</legend>
                <TextAreaField name="revisionDescription" label={label('revisionDescription')} errors={errorsOf('midterm')} value={valueOf('midterm', 'revisionDescription')} rows={2} />
                <TextField name="revisionValue" label={label('revisionValue')} description={t('contract.revisionValueHelp')} errors={errorsOf('midterm')} value={valueOf('midterm', 'revisionValue')} />
                <TextField name="revisionDate" type="date" label={label('revisionDate')} errors={errorsOf('midterm')} value={valueOf('midterm', 'revisionDate')} />
              </fieldset>
              <div className="regie-form-actions">
                <SubmitButton>{t('contract.midtermSubmit')}</SubmitButton>
              </div>
            </form>
          </section>
          <section aria-labelledby="einde-titel">
            <h2 className="utrecht-heading-2" id="einde-titel">{t('contract.endTitle')}</h2>
            <p className="utrecht-paragraph">{t('contract.endIntro')}</p>
            <form method="post" action={`${base}/einde-looptijd`} noValidate>
              <CsrfField />
              <SelectField
                name="endDecision"
                label={label('endDecision')}
                errors={errorsOf('end')}
                value={valueOf('end', 'endDecision')}
                options={(['extend', 'end'] as const).map((d) => ({ value: d, label: t(`contract.endDecisions.${d}`) }))}
              />
              <TextField name="extensionMonths" label={label('extensionMonths')} description={t('contract.extensionMonthsHelp')} errors={errorsOf('end')} value={valueOf('end', 'extensionMonths')} inputMode="numeric" />
              <TextAreaField name="endReason" label={label('endReason')} errors={errorsOf('end')} value={valueOf('end', 'endReason')} required />
              <div className="regie-form-actions">
                <SubmitButton>{t('contract.endSubmit')}</SubmitButton>
              </div>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
