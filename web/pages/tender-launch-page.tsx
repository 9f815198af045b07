/** Launching a tender: the form, the legal periods explained, and the backward plan on request. */
import { type ProcurementForm } from '../../domain/glossary';
import type { LegalMinimum } from '../../domain/legal-rules';
import type { TenderPlan } from '../../domain/tender-plan';
import { CsrfField } from '../components/csrf-field';
import { ErrorSummary } from '../components/feedback';
import { CheckboxField, SelectField, SubmitButton, TextAreaField, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { LegalPeriods, PlanPreview } from '../components/plan-preview';
import type { FieldErrors } from '../forms/field-errors';
import { tenderLaunchFields, type TenderLaunchValues } from '../forms/tender-launch-form';
import { usePage } from '../page-context';
import { accountabilityCadenceSchema, procurementFormSchema } from '../../domain/schemas/glossary';

export interface TenderLaunchPageProps {
  values: TenderLaunchValues;
  errors: FieldErrors;
  /** The organisations the person may launch for. */
  organisations: string[];
  /** The legal periods per procurement form that has any, the chosen form first. */
  legalPeriods: { form: ProcurementForm; rules: LegalMinimum[] }[];
  plan?: TenderPlan;
}

export function TenderLaunchPage({ values, errors, organisations, legalPeriods, plan }: TenderLaunchPageProps) {
  const { t } = usePage();
  const label = (name: string) => t(`tenders.launch.fields.${name}`);
  const labels = Object.fromEntries(tenderLaunchFields.map((name) => [name, label(name)]));
  const common = (name: (typeof tenderLaunchFields)[number]) => ({ name, label: label(name), errors, description: t(`tenders.launch.help.${name}`, { defaultValue: '' }) || undefined });
  return (
    <Layout title={t('tenders.launch.title')}>
      <ErrorSummary errors={errors} labels={labels} />
      <section aria-labelledby="termijnen-titel">
        <h2 className="utrecht-heading-2" id="termijnen-titel">
          {t('tenders.legal.title')}
        </h2>
        <p className="utrecht-paragraph">{t('tenders.legal.intro')}</p>
        {legalPeriods.map(({ form, rules }) => (
          <div key={form}>
            <h3 className="utrecht-heading-3">{t(`procurementForms.${form}`)}</h3>
            <LegalPeriods rules={rules} />
          </div>
        ))}
        <p className="utrecht-paragraph">{t('tenders.legal.others')}</p>
      </section>
      {plan ? <PlanPreview plan={plan} /> : null}
      <form method="post" action="/aanbestedingen/nieuw" noValidate>
        <CsrfField />
        <TextField {...common('title')} value={values.title} required />
        <SelectField {...common('commissioner')} value={values.commissioner} options={organisations.map((o) => ({ value: o, label: o }))} />
        <TextAreaField {...common('actsFor')} value={values.actsFor} rows={2} />
        <SelectField {...common('procurementForm')} value={values.procurementForm} options={procurementFormSchema.options.map((f) => ({ value: f, label: t(`procurementForms.${f}`) }))} />
        <TextField {...common('estimatedValue')} value={values.estimatedValue} inputMode="decimal" required />
        <TextField {...common('contractStart')} type="date" value={values.contractStart} required />
        <CheckboxField {...common('electronicSubmission')} checked={values.electronicSubmission} />
        <CheckboxField {...common('documentsElectronicallyAvailable')} checked={values.documentsElectronicallyAvailable} />
        <TextField {...common('standstillDays')} value={values.standstillDays} inputMode="numeric" />
        <TextField {...common('termYears')} value={values.termYears} inputMode="numeric" />
        <TextField {...common('extensionCount')} value={values.extensionCount} inputMode="numeric" />
        <TextField {...common('extensionMonths')} value={values.extensionMonths} inputMode="numeric" />
        <SelectField {...common('accountabilityCadence')} value={values.accountabilityCadence} options={accountabilityCadenceSchema.options.map((c) => ({ value: c, label: t(`cadences.${c}`) }))} />
        <TextAreaField {...common('lots')} value={values.lots} />
        <TextAreaField {...common('stakeholders')} value={values.stakeholders} rows={6} />
        <TextAreaField {...common('kpis')} value={values.kpis} />
        <div className="regie-form-actions">
          <SubmitButton name="actie" value="planning" secondary>
            {t('tenders.launch.preview')}
          </SubmitButton>
          <SubmitButton name="actie" value="starten">
            {t('tenders.launch.submit')}
          </SubmitButton>
        </div>
      </form>
    </Layout>
  );
}
