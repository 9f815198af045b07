/**
 * The procurement pages: the tenders a person sees, launching one (with the backward plan before it is
 * submitted), and one tender with its timeline and actions. Every read and action goes through
 * api/services/tenders.ts, with its access rules.
 */
import { createElement } from 'react';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../api/auth/principal';
import type { ApiDeps } from '../../api/deps';
import { notFound } from '../../api/errors';
import { getTender, launchTender, listTenders, registerAward, registerObjection, resolveObjection, shiftDeadline, TENDER_ACTION_ROLES } from '../../api/services/tenders';
import { toIsoDate } from '../../domain/dates';
import { type ProcurementForm } from '../../domain/glossary';
import { DEFAULT_LEGAL_TERMS, type LegalMinimum, legalMinimumsFor } from '../../domain/legal-rules';
import { PlanError, planTender, type TenderPlan } from '../../domain/tender-plan';
import type { FieldErrors } from '../forms/field-errors';
import { formBodySchema, field } from '../forms/form-body';
import { fieldErrorsOfFailure } from '../forms/service-failure';
import { apiFieldOf, parseAwardForm, parseObjectionForm, parseResolutionForm, parseShiftForm, type FormParse } from '../forms/tender-action-forms';
import { emptyTenderLaunchValues, parseTenderLaunch, tenderLaunchFields, tenderLaunchValuesOf, type TenderLaunchValues } from '../forms/tender-launch-form';
import { pageContextOf, principalOrSignIn } from '../page-request';
import { TenderLaunchPage } from '../pages/tender-launch-page';
import { TenderListPage } from '../pages/tender-list-page';
import { type TenderForm, TenderPage } from '../pages/tender-page';
import { sendPage } from '../render';
import { procurementFormSchema } from '../../domain/schemas/glossary';

const PAGE_SIZE = 50;
const MAX_SHOWN = 500;
const tenderParams = z.object({ tenderId: z.string().min(1).max(100) });

/** The organisations a person may launch a tender for. */
function launchingOrganisations(principal: Principal): string[] {
  const roles: readonly string[] = TENDER_ACTION_ROLES.launch;
  return [...new Set(principal.holdings.filter((h) => roles.includes(h.role)).map((h) => h.organisation))];
}

/** The legal periods of every procurement form that has any, with the launch's choices, the chosen form first. */
function legalPeriodsOf(values: TenderLaunchValues): { form: ProcurementForm; rules: LegalMinimum[] }[] {
  const standstillDays = Number(values.standstillDays);
  const terms = {
    electronicSubmission: values.electronicSubmission,
    documentsElectronicallyAvailable: values.documentsElectronicallyAvailable,
    standstillDays: Number.isInteger(standstillDays) && standstillDays >= 0 ? standstillDays : DEFAULT_LEGAL_TERMS.standstillDays,
  };
  const chosen = procurementFormSchema.safeParse(values.procurementForm);
  const forms = procurementFormSchema.options.filter((f) => f !== (chosen.success ? chosen.data : undefined));
  return [...(chosen.success ? [chosen.data] : []), ...forms].map((form) => ({ form, rules: legalMinimumsFor(form, terms) })).filter((g) => g.rules.length > 0);
}

/** The backward plan the form's values give today, or the field that keeps it from fitting. */
function previewPlan(values: TenderLaunchValues, noStart: string): { plan?: TenderPlan; errors: FieldErrors } {
  const form = procurementFormSchema.safeParse(values.procurementForm);
  if (!form.success) return { errors: { procurementForm: form.error.issues[0]!.message } };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.contractStart)) return { errors: { contractStart: noStart } };
  try {
    const standstillDays = Number(values.standstillDays);
    const plan = planTender({
      procurementForm: form.data,
      electronicSubmission: values.electronicSubmission,
      documentsElectronicallyAvailable: values.documentsElectronicallyAvailable,
      ...(Number.isInteger(standstillDays) ? { standstillDays } : {}),
      contractStart: values.contractStart,
      today: toIsoDate(new Date()),
    });
    return { plan, errors: {} };
  } catch (error) {
    if (error instanceof PlanError) return { errors: { [(tenderLaunchFields as readonly string[]).includes(error.field) ? error.field : 'contractStart']: error.message } };
    throw error;
  }
}

export function tenderPageRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/aanbestedingen', { schema: { hide: true, querystring: z.object({ aantal: z.coerce.number().int().min(1).max(MAX_SHOWN).default(PAGE_SIZE) }) } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const { aantal } = request.query;
      const tenders = await listTenders(deps, principal, { limit: aantal + 1 });
      const more = tenders.length > aantal && aantal < MAX_SHOWN ? `/aanbestedingen?aantal=${Math.min(MAX_SHOWN, aantal + PAGE_SIZE)}` : undefined;
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(TenderListPage, { tenders: tenders.slice(0, aantal), mayLaunch: launchingOrganisations(principal).length > 0, more }));
    });

    app.get('/aanbestedingen/nieuw', { schema: { hide: true } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const organisations = launchingOrganisations(principal);
      if (organisations.length === 0) throw notFound('No launch form without the role procurementOfficer or manager');
      const values = emptyTenderLaunchValues(organisations[0]!);
      return sendPage(reply, pageContextOf(deps, request, reply), createElement(TenderLaunchPage, { values, errors: {}, organisations, legalPeriods: legalPeriodsOf(values) }));
    });

    app.post('/aanbestedingen/nieuw', { schema: { hide: true, body: formBodySchema } }, async (request, reply) => {
      const principal = principalOrSignIn(request, reply);
      if (!principal) return reply;
      const organisations = launchingOrganisations(principal);
      if (organisations.length === 0) throw notFound('No launch form without the role procurementOfficer or manager');
      const context = pageContextOf(deps, request, reply);
      const values = tenderLaunchValuesOf(request.body);
      const show = (errors: FieldErrors, plan?: TenderPlan) =>
        sendPage(reply, context, createElement(TenderLaunchPage, { values, errors, organisations, legalPeriods: legalPeriodsOf(values), plan }), Object.keys(errors).length > 0 ? 400 : 200);

      if (field(request.body, 'actie') === 'planning') {
        const { plan, errors } = previewPlan(values, context.t('tenders.launch.noStart'));
        return show(errors, plan);
      }
      const parsed = parseTenderLaunch(values, context.locale, context.t('form.line'));
      if (!parsed.ok) return show(parsed.errors);
      try {
        const { id } = await launchTender(deps, principal, parsed.request);
        return reply.redirect(`/aanbestedingen/${encodeURIComponent(id)}?gestart=1`, 303);
      } catch (error) {
        return show(fieldErrorsOfFailure(error, (apiField) => (apiField.startsWith('contractStart') ? 'contractStart' : apiField.split('.')[0] === 'commissioners' ? 'commissioner' : undefined), 'commissioner'));
      }
    });

    app.get(
      '/aanbestedingen/:tenderId',
      { schema: { hide: true, params: tenderParams, querystring: z.object({ gestart: z.literal('1').optional(), gelukt: z.enum(['award', 'objection', 'resolution', 'shift']).optional() }) } },
      async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const tender = await getTender(deps, principal, { tenderId: request.params.tenderId });
        return sendPage(reply, pageContextOf(deps, request, reply), createElement(TenderPage, { tenderId: tender.id, timeline: tender.timeline, leadOrganisation: tender.leadOrganisation, done: request.query.gelukt ?? (request.query.gestart ? 'launch' : undefined) }));
      },
    );

    const action = <T>(path: string, form: TenderForm, parse: (body: z.infer<typeof formBodySchema>, locale: 'nl' | 'en', lineWord: string) => FormParse<T>, run: (principal: Principal, tenderId: string, request: T) => Promise<unknown>) =>
      app.post(`/aanbestedingen/:tenderId/${path}`, { schema: { hide: true, params: tenderParams, body: formBodySchema } }, async (request, reply) => {
        const principal = principalOrSignIn(request, reply);
        if (!principal) return reply;
        const { tenderId } = request.params;
        const context = pageContextOf(deps, request, reply);
        const parsed = parse(request.body, context.locale, context.t('form.line'));
        let errors: FieldErrors;
        if (parsed.ok) {
          try {
            await run(principal, tenderId, parsed.request);
            return reply.redirect(`/aanbestedingen/${encodeURIComponent(tenderId)}?gelukt=${form}`, 303);
          } catch (error) {
            errors = fieldErrorsOfFailure(error, apiFieldOf[form], Object.keys(parsed.values)[0]!);
          }
        } else errors = parsed.errors;
        const tender = await getTender(deps, principal, { tenderId });
        return sendPage(reply, context, createElement(TenderPage, { tenderId, timeline: tender.timeline, leadOrganisation: tender.leadOrganisation, failed: { form, errors, values: parsed.values } }), 400);
      });

    action('gunning', 'award', parseAwardForm, (principal, tenderId, award) => registerAward(deps, principal, { ...award, tenderId }));
    action('bezwaar', 'objection', (body, locale) => parseObjectionForm(body, locale), (principal, tenderId, objection) => registerObjection(deps, principal, { ...objection, tenderId }));
    action('bezwaar-afhandelen', 'resolution', (body, locale) => parseResolutionForm(body, locale), (principal, tenderId, resolution) => resolveObjection(deps, principal, { ...resolution, tenderId }));
    action('verschuiving', 'shift', (body, locale) => parseShiftForm(body, locale), (principal, tenderId, shift) => shiftDeadline(deps, principal, { ...shift, tenderId }));
  };
}
