/** One tender: its timeline, awards and objections, and the forms to register an award, an objection, a shift. */
import { tenderStepKeys } from '../../domain/glossary';
import type { TenderTimeline } from '../../workflows/tender/tender-definitions';
import { CsrfField } from '../components/csrf-field';
import { Alert, ErrorSummary, StatusBadge } from '../components/feedback';
import { SelectField, SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import { formatDate, formatDateTime, formatEuros } from '../format';
import { usePage } from '../page-context';

export type TenderForm = 'award' | 'objection' | 'resolution' | 'shift';

export interface TenderPageProps {
  tenderId: string;
  timeline: TenderTimeline;
  leadOrganisation: string;
  /** The form that was just submitted with errors, and what was typed in it. */
  failed?: { form: TenderForm; errors: FieldErrors; values: Record<string, string> };
  /** The action that just succeeded (after the redirect). */
  done?: TenderForm | 'launch';
}

export function TenderPage({ tenderId, timeline, leadOrganisation, failed, done }: TenderPageProps) {
  const { t, locale } = usePage();
  const errorsOf = (form: TenderForm) => (failed?.form === form ? failed.errors : {});
  const valueOf = (form: TenderForm, name: string) => (failed?.form === form ? failed.values[name] : undefined);
  const label = (name: string) => t(`tenders.detail.fields.${name}`);
  const active = timeline.status === 'active';
  return (
    <Layout title={timeline.title}>
      {done ? <Alert type="ok">{t(`tenders.detail.done.${done}`)}</Alert> : null}
      {failed ? <ErrorSummary errors={failed.errors} labels={Object.fromEntries(Object.keys(failed.errors).map((n) => [n, label(n)]))} /> : null}
      <dl className="utrecht-data-list utrecht-data-list--rows">
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('tenders.list.lead')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{leadOrganisation}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('tenders.list.phase')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{t(`phases.${timeline.phase}`, { defaultValue: timeline.phase })}</dd>
        </div>
        <div className="utrecht-data-list__item">
          <dt className="utrecht-data-list__item-key">{t('tenders.list.contractStart')}</dt>
          <dd className="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{formatDate(timeline.contractStart, locale)}</dd>
        </div>
      </dl>
      {timeline.cancellation ? <Alert type="warning">{t('tenders.detail.cancelled', { reason: timeline.cancellation.reason })}</Alert> : null}

      <h2 className="utrecht-heading-2">{t('tenders.detail.timeline')}</h2>
      <Table
        caption={t('tenders.detail.timelineCaption')}
        rows={timeline.milestones}
        rowKey={(m) => m.key}
        empty=""
        columns={[
          { header: t('tenders.plan.step'), rowHeader: true, cell: (m) => t(`steps.${m.key}`) },
          { header: t('tenders.plan.owner'), cell: (m) => `${t(`roles.${m.owner.role}`)}, ${m.owner.organisation}` },
          { header: t('tenders.plan.due'), cell: (m) => formatDate(m.dueDate, locale) },
          { header: t('status.label'), cell: (m) => <StatusBadge status={m.status}>{t(`status.${m.status}`)}</StatusBadge> },
        ]}
      />

      <h2 className="utrecht-heading-2">{t('tenders.detail.awards')}</h2>
      <Table
        caption={t('tenders.detail.awards')}
        rows={timeline.awards.flatMap((a) => a.lots.map((lot) => ({ ...lot, round: a.round, status: a.status, decidedAt: a.decidedAt, standstillEndsAt: a.standstillEndsAt })))}
        rowKey={(r) => `${r.round}-${r.lotId}`}
        empty={t('tenders.detail.noAwards')}
        columns={[
          { header: t('tenders.detail.lot'), rowHeader: true, cell: (r) => r.lotId },
          { header: t('tenders.detail.provider'), cell: (r) => r.provider },
          { header: t('tenders.detail.value'), numeric: true, cell: (r) => formatEuros(r.valueCents, locale) },
          { header: t('tenders.detail.standstillEnds'), cell: (r) => formatDateTime(r.standstillEndsAt, locale) },
          { header: t('status.label'), cell: (r) => t(`awardStatus.${r.status}`) },
        ]}
      />

      <h2 className="utrecht-heading-2">{t('tenders.detail.objections')}</h2>
      <Table
        caption={t('tenders.detail.objections')}
        rows={timeline.objections}
        rowKey={(o) => o.id}
        empty={t('tenders.detail.noObjections')}
        columns={[
          { header: t('tenders.detail.registered'), rowHeader: true, cell: (o) => formatDateTime(o.registeredAt, locale) },
          { header: t('tenders.detail.lot'), cell: (o) => o.lotId ?? t('tenders.detail.allLots') },
          { header: t('tenders.detail.reason'), cell: (o) => o.reason },
          { header: t('status.label'), cell: (o) => t(`objectionStatus.${o.status}`) },
        ]}
      />

      {active ? (
        <>
          <section aria-labelledby="gunning-titel">
            <h2 className="utrecht-heading-2" id="gunning-titel">{t('tenders.detail.awardTitle')}</h2>
            <form method="post" action={`/aanbestedingen/${encodeURIComponent(tenderId)}/gunning`} noValidate>
              <CsrfField />
              <TextAreaField name="awardLots" label={label('awardLots')} description={t('tenders.detail.awardLotsHelp')} errors={errorsOf('award')} value={valueOf('award', 'awardLots')} required />
              <TextAreaField name="awardNote" label={label('awardNote')} errors={errorsOf('award')} value={valueOf('award', 'awardNote')} rows={2} />
              <div className="regie-form-actions">
                <SubmitButton>{t('tenders.detail.awardSubmit')}</SubmitButton>
              </div>
            </form>
          </section>
          <section aria-labelledby="bezwaar-titel">
            <h2 className="utrecht-heading-2" id="bezwaar-titel">{t('tenders.detail.objectionTitle')}</h2>
            <form method="post" action={`/aanbestedingen/${encodeURIComponent(tenderId)}/bezwaar`} noValidate>
              <CsrfField />
              <TextField name="objectionLot" label={label('objectionLot')} description={t('tenders.detail.objectionLotHelp')} errors={errorsOf('objection')} value={valueOf('objection', 'objectionLot')} />
              <TextAreaField name="objectionReason" label={label('objectionReason')} errors={errorsOf('objection')} value={valueOf('objection', 'objectionReason')} required />
              <div className="regie-form-actions">
                <SubmitButton>{t('tenders.detail.objectionSubmit')}</SubmitButton>
              </div>
            </form>
          </section>
          {timeline.objections.some((o) => o.status === 'pending') ? (
            <section aria-labelledby="afhandelen-titel">
              <h2 className="utrecht-heading-2" id="afhandelen-titel">{t('tenders.detail.resolveTitle')}</h2>
              <form method="post" action={`/aanbestedingen/${encodeURIComponent(tenderId)}/bezwaar-afhandelen`} noValidate>
                <CsrfField />
                <SelectField
                  name="resolveObjection"
                  label={label('resolveObjection')}
                  errors={errorsOf('resolution')}
                  value={valueOf('resolution', 'resolveObjection')}
                  options={timeline.objections.filter((o) => o.status === 'pending').map((o) => ({ value: o.id, label: `${formatDateTime(o.registeredAt, locale)}: ${o.reason.slice(0, 80)}` }))}
                />
                <SelectField name="resolveOutcome" label={label('resolveOutcome')} errors={errorsOf('resolution')} value={valueOf('resolution', 'resolveOutcome')} options={(['rejected', 'withdrawn', 'upheld'] as const).map((o) => ({ value: o, label: t(`objectionStatus.${o}`) }))} />
                <TextAreaField name="resolveNote" label={label('resolveNote')} errors={errorsOf('resolution')} value={valueOf('resolution', 'resolveNote')} rows={2} required />
                <div className="regie-form-actions">
                  <SubmitButton>{t('tenders.detail.resolveSubmit')}</SubmitButton>
                </div>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="verschuiving-titel">
            <h2 className="utrecht-heading-2" id="verschuiving-titel">{t('tenders.detail.shiftTitle')}</h2>
            <p className="utrecht-paragraph">{t('tenders.detail.shiftIntro')}</p>
            <form method="post" action={`/aanbestedingen/${encodeURIComponent(tenderId)}/verschuiving`} noValidate>
              <CsrfField />
              <SelectField name="shiftStep" label={label('shiftStep')} errors={errorsOf('shift')} value={valueOf('shift', 'shiftStep')} options={tenderStepKeys.map((k) => ({ value: k, label: t(`steps.${k}`) }))} />
              <TextField name="shiftDate" type="date" label={label('shiftDate')} errors={errorsOf('shift')} value={valueOf('shift', 'shiftDate')} required />
              <TextAreaField name="shiftReason" label={label('shiftReason')} errors={errorsOf('shift')} value={valueOf('shift', 'shiftReason')} rows={2} required />
              <div className="regie-form-actions">
                <SubmitButton>{t('tenders.detail.shiftSubmit')}</SubmitButton>
              </div>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}
