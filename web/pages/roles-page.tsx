/** The role directory of an organisation: who holds which role from when until when; its administrator keeps it. */
import type { OrganisationDirectory } from '../../api/services/directory';
import { CsrfField } from '../components/csrf-field';
import { Alert, ErrorSummary } from '../components/feedback';
import { SelectField, SubmitButton, TextField } from '../components/form-field';
import { Layout } from '../components/layout';
import { Table } from '../components/table';
import type { FieldErrors } from '../forms/field-errors';
import { formatDate } from '../format';
import { usePage } from '../page-context';

export interface RolesPageProps {
  organisations: { id: string; mayEdit: boolean }[];
  directory: OrganisationDirectory | null;
  errors?: FieldErrors;
  values?: Record<string, string>;
  done?: 'added' | 'ended' | 'reassigned';
}

export function RolesPage({ organisations, directory, errors = {}, values = {}, done }: RolesPageProps) {
  const { t, locale } = usePage();
  const label = (name: string) => t(`roles.page.fields.${name}`);
  const organisationQuery = (id: string) => `?organisatie=${encodeURIComponent(id)}`;
  return (
    <Layout title={t('roles.page.title')}>
      {done ? <Alert type="ok">{t(`roles.page.done.${done}`)}</Alert> : null}
      <ErrorSummary errors={errors} labels={Object.fromEntries(Object.keys(errors).map((n) => [n, label(n)]))} />
      {organisations.length > 1 ? (
        <form method="get" action="/beheer/rollen">
          <SelectField name="organisatie" label={t('roles.page.organisation')} value={directory?.organisation.id} options={organisations.map((o) => ({ value: o.id, label: o.id }))} />
          <div className="regie-form-actions">
            <SubmitButton secondary>{t('roles.page.show')}</SubmitButton>
          </div>
        </form>
      ) : null}
      {directory ? (
        <>
          <h2 className="utrecht-heading-2">{directory.organisation.id}</h2>
          <Table
            caption={t('roles.page.caption', { organisation: directory.organisation.id })}
            rows={directory.assignments}
            rowKey={(a) => a.id}
            empty={t('roles.page.empty')}
            columns={[
              { header: t('roles.page.person'), rowHeader: true, cell: (a) => `${a.person.name ?? ''} <${a.person.email}>`.trim() },
              { header: t('roles.page.role'), cell: (a) => t(`roles.${a.role}`) },
              { header: t('roles.page.from'), cell: (a) => formatDate(a.validFrom, locale) },
              { header: t('roles.page.until'), cell: (a) => (a.validUntil ? formatDate(a.validUntil, locale) : t('roles.page.open')) },
              { header: t('roles.page.current'), cell: (a) => (a.current ? t('overview.yes') : t('overview.no')) },
              ...(directory.mayEdit
                ? [
                    {
                      header: t('roles.page.end'),
                      cell: (a: OrganisationDirectory['assignments'][number]) =>
                        a.validUntil === null ? (
                          <form method="post" action={`/beheer/rollen/${encodeURIComponent(a.id)}/einde${organisationQuery(directory.organisation.id)}`} className="regie-inline-form">
                            <CsrfField />
                            <label className="utrecht-form-label" htmlFor={`einde-${a.id}`}>
                              {t('roles.page.lastDay', { person: a.person.email, role: t(`roles.${a.role}`) })}
                            </label>{' '}
                            <input className="utrecht-textbox utrecht-textbox--html-input" type="date" id={`einde-${a.id}`} name="validUntil" required />{' '}
                            <SubmitButton secondary>{t('roles.page.endSubmit')}</SubmitButton>
                          </form>
                        ) : (
                          ''
                        ),
                    },
                  ]
                : []),
            ]}
          />
          {directory.mayEdit && directory.assignments.some((a) => a.validUntil === null) ? (
            <section aria-labelledby="overdragen-titel">
              <h2 className="utrecht-heading-2" id="overdragen-titel">
                {t('roles.page.reassignTitle')}
              </h2>
              <p className="utrecht-paragraph">{t('roles.page.reassignIntro')}</p>
              <form method="post" action={`/beheer/rollen/overdracht${organisationQuery(directory.organisation.id)}`} noValidate>
                <CsrfField />
                <SelectField
                  name="assignment"
                  label={label('assignment')}
                  errors={errors}
                  value={values.assignment}
                  options={directory.assignments.filter((a) => a.validUntil === null).map((a) => ({ value: a.id, label: `${t(`roles.${a.role}`)}: ${a.person.name ?? a.person.email}` }))}
                />
                <TextField name="newEmail" type="email" label={label('newEmail')} errors={errors} value={values.newEmail} autoComplete="off" required />
                <TextField name="newName" label={label('newName')} errors={errors} value={values.newName} />
                <TextField name="from" type="date" label={label('from')} errors={errors} value={values.from} required />
                <div className="regie-form-actions">
                  <SubmitButton>{t('roles.page.reassignSubmit')}</SubmitButton>
                </div>
              </form>
            </section>
          ) : null}
          {directory.mayEdit ? (
            <section aria-labelledby="toewijzen-titel">
              <h2 className="utrecht-heading-2" id="toewijzen-titel">
                {t('roles.page.addTitle')}
              </h2>
              <form method="post" action={`/beheer/rollen/toewijzing${organisationQuery(directory.organisation.id)}`} noValidate>
                <CsrfField />
                <TextField name="email" type="email" label={label('email')} errors={errors} value={values.email} autoComplete="off" required />
                <TextField name="name" label={label('name')} errors={errors} value={values.name} />
                <SelectField name="role" label={label('role')} errors={errors} value={values.role} options={directory.roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
                <TextField name="validFrom" type="date" label={label('validFrom')} description={t('roles.page.validFromHelp')} errors={errors} value={values.validFrom} />
                <TextField name="validUntil" type="date" label={label('validUntil')} description={t('roles.page.validUntilHelp')} errors={errors} value={values.validUntil} />
                <div className="regie-form-actions">
                  <SubmitButton>{t('roles.page.addSubmit')}</SubmitButton>
                </div>
              </form>
            </section>
          ) : null}
        </>
      ) : (
        <p className="utrecht-paragraph">{t('roles.page.none')}</p>
      )}
    </Layout>
  );
}
