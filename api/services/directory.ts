/**
 * The role directory as people keep it: each organisation's administrator keeps its own people and
 * role assignments, the organisation's other staff may read them, anyone else is told the organisation
 * does not exist (404, as for one that does not). Used by the API (api/routes/directory.ts) and the pages.
 */
import { z } from 'zod';
import { dateColumn, ensurePerson } from '../../db/directory';
import { toIsoDate, type IsoDate } from '../../domain/dates';
import { directoryDay, endProblem, isValidOn, overlaps, periodProblem, reassignment, roleMismatch, rolesOfKind } from '../../domain/directory';
import { roleLabels, type OrganisationKind, type Role } from '../../domain/glossary';
import type { PrismaClient } from '../../db/client';
import type { Principal } from '../auth/principal';
import { holdsRole, organisationsOf } from '../auth/principal';
import { badRequest, conflict, notFound } from '../errors';
import { organisationKindSchema, roleSchema } from '../../domain/schemas/glossary';
import { isoDateSchema } from '../../domain/schemas/dates';

export interface DirectoryDeps {
  prisma: PrismaClient;
}

const email = z.email().max(254);
const personName = z.string().trim().min(1).max(200);

/** A day of an assignment: an ISO date within the years PostgreSQL and people can mean (1900 to 2199). */
const assignmentDay = isoDateSchema.refine((d) => d >= '1900-01-01' && d <= '2199-12-31', 'must be a date between 1900-01-01 and 2199-12-31');

export const organisationParamsSchema = z.object({ organisationId: z.string().trim().min(1).max(200) });
export const assignmentParamsSchema = organisationParamsSchema.extend({ assignmentId: z.uuid() });

export const newAssignmentSchema = z.strictObject({
  email: email.describe('The person, by email (a new address creates the person)'),
  name: personName.optional().describe("The person's name; filled in when the directory has none yet"),
  role: roleSchema,
  validFrom: assignmentDay.optional().describe('First day the person holds the role; default today'),
  validUntil: assignmentDay.nullable().optional().describe('Last day (inclusive); none: until further notice'),
});
export type NewAssignment = z.infer<typeof newAssignmentSchema>;

export const endAssignmentSchema = z.strictObject({
  validUntil: assignmentDay.describe('Last day (inclusive) the person holds the role; the day before validFrom withdraws it'),
});

export const reassignSchema = z.strictObject({
  email: email.describe('Who takes the role over'),
  name: personName.optional(),
  from: assignmentDay.describe('First day of the new holder; the old assignment ends the day before'),
});

export const assignmentViewSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
  role: roleSchema,
  roleLabel: z.string().describe('The role in Dutch'),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  /** Whether the assignment holds today. */
  current: z.boolean(),
  createdBy: z.string(),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const organisationDirectorySchema = z.object({
  organisation: z.object({ id: z.string(), kind: organisationKindSchema, actsFor: z.array(z.string()) }),
  /** Whether the principal administers this organisation's directory. */
  mayEdit: z.boolean(),
  /** The roles an organisation of this kind can assign. */
  roles: z.array(roleSchema),
  asOf: z.string(),
  assignments: z.array(assignmentViewSchema),
});
export type OrganisationDirectory = z.infer<typeof organisationDirectorySchema>;

export const reassignmentResultSchema = z.object({ ended: assignmentViewSchema, started: assignmentViewSchema });

type AssignmentRow = {
  id: string;
  role: string;
  validFrom: Date;
  validUntil: Date | null;
  createdBy: string;
  person: { id: string; email: string; name: string | null };
};

const today = (): IsoDate => directoryDay(new Date());

function assignmentView(row: AssignmentRow, day: IsoDate): AssignmentView {
  const period = { validFrom: toIsoDate(row.validFrom), validUntil: row.validUntil ? toIsoDate(row.validUntil) : null };
  const role = roleSchema.parse(row.role);
  return { id: row.id, person: row.person, role, roleLabel: roleLabels[role], ...period, current: isValidOn(period, day), createdBy: row.createdBy };
}

const assignmentSelect = {
  id: true,
  role: true,
  validFrom: true,
  validUntil: true,
  createdBy: true,
  person: { select: { id: true, email: true, name: true } },
} as const;

/** The organisation if the principal may read its directory (any role held there today), else 404. */
async function readableOrganisation(prisma: PrismaClient, principal: Principal, organisationId: string) {
  const organisation = principal.holdings.some((h) => h.organisation === organisationId)
    ? await prisma.organisation.findUnique({ where: { id: organisationId } })
    : null;
  if (!organisation) throw notFound(`No organisation ${organisationId}`);
  return { ...organisation, kind: organisationKindSchema.parse(organisation.kind) };
}

/** The organisation if the principal administers it; its other staff are refused as strangers are (404). */
async function administeredOrganisation(prisma: PrismaClient, principal: Principal, organisationId: string) {
  const organisation = await readableOrganisation(prisma, principal, organisationId);
  if (!holdsRole(principal, organisationId, ['administrator'])) throw notFound(`No organisation ${organisationId}`);
  return organisation;
}

/** The organisations whose directory the principal may read, and whether they keep it. */
export async function directoryOrganisations({ prisma }: DirectoryDeps, principal: Principal): Promise<{ id: string; kind: OrganisationKind; mayEdit: boolean }[]> {
  const rows = await prisma.organisation.findMany({ where: { id: { in: organisationsOf(principal) } }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ id: row.id, kind: organisationKindSchema.parse(row.kind), mayEdit: holdsRole(principal, row.id, ['administrator']) }));
}

/** An organisation's assignments, current and past, by role and then start. */
export async function listAssignments({ prisma }: DirectoryDeps, principal: Principal, { organisationId }: { organisationId: string }): Promise<OrganisationDirectory> {
  const organisation = await readableOrganisation(prisma, principal, organisationId);
  const rows = await prisma.roleAssignment.findMany({
    where: { organisationId },
    select: assignmentSelect,
    orderBy: [{ role: 'asc' }, { validFrom: 'desc' }, { createdAt: 'asc' }],
  });
  const day = today();
  return {
    organisation: { id: organisation.id, kind: organisation.kind, actsFor: organisation.actsFor },
    mayEdit: holdsRole(principal, organisationId, ['administrator']),
    roles: [...rolesOfKind(organisation.kind)],
    asOf: day,
    assignments: rows.map((row) => assignmentView(row, day)),
  };
}

/** Refuses a second assignment of the same person and role that shares a day with an existing one (409). */
async function assertNoOverlap(prisma: PrismaClient, personId: string, role: Role, organisationId: string, period: { validFrom: IsoDate; validUntil: IsoDate | null }, except?: string) {
  const existing = await prisma.roleAssignment.findMany({ where: { personId, role, organisationId, ...(except ? { id: { not: except } } : {}) }, select: { validFrom: true, validUntil: true } });
  const clash = existing.find((row) => overlaps(period, { validFrom: toIsoDate(row.validFrom), validUntil: row.validUntil ? toIsoDate(row.validUntil) : null }));
  if (clash) throw conflict(`This person already holds ${role} in ${organisationId} from ${toIsoDate(clash.validFrom)}${clash.validUntil ? ` until ${toIsoDate(clash.validUntil)}` : ''}`);
}

/** Assigns a role to a person (created if new) from validFrom (default today), until validUntil if given. */
export async function createAssignment(
  { prisma }: DirectoryDeps,
  principal: Principal,
  { organisationId, ...input }: NewAssignment & { organisationId: string },
): Promise<AssignmentView> {
  const organisation = await administeredOrganisation(prisma, principal, organisationId);
  const mismatch = roleMismatch(input.role, organisation.kind);
  if (mismatch) throw badRequest('role', mismatch);
  const period = { validFrom: input.validFrom ?? today(), validUntil: input.validUntil ?? null };
  const problem = periodProblem(period);
  if (problem) throw badRequest(problem.field, problem.message);
  const person = await ensurePerson(prisma, { email: input.email, name: input.name });
  await assertNoOverlap(prisma, person.id, input.role, organisationId, period);
  const row = await prisma.roleAssignment.create({
    data: {
      personId: person.id,
      role: input.role,
      organisationId,
      validFrom: dateColumn(period.validFrom),
      validUntil: period.validUntil ? dateColumn(period.validUntil) : null,
      createdBy: principal.label,
    },
    select: assignmentSelect,
  });
  return assignmentView(row, today());
}

async function ownAssignment(prisma: PrismaClient, organisationId: string, assignmentId: string) {
  const row = await prisma.roleAssignment.findFirst({ where: { id: assignmentId, organisationId }, select: { ...assignmentSelect, personId: true } });
  if (!row) throw notFound(`No assignment ${assignmentId} in ${organisationId}`);
  return { row, period: { validFrom: toIsoDate(row.validFrom), validUntil: row.validUntil ? toIsoDate(row.validUntil) : null } };
}

/** Ends an assignment on validUntil (inclusive); the day before it started withdraws it altogether. */
export async function endAssignment(
  { prisma }: DirectoryDeps,
  principal: Principal,
  { organisationId, assignmentId, validUntil }: { organisationId: string; assignmentId: string; validUntil: IsoDate },
): Promise<AssignmentView> {
  await administeredOrganisation(prisma, principal, organisationId);
  const { period } = await ownAssignment(prisma, organisationId, assignmentId);
  const problem = endProblem(period, validUntil);
  if (problem) throw badRequest('validUntil', problem);
  const row = await prisma.roleAssignment.update({ where: { id: assignmentId }, data: { validUntil: dateColumn(validUntil) }, select: assignmentSelect });
  return assignmentView(row, today());
}

/**
 * Hands a role over: the old assignment ends the day before `from`, the new holder (created if new)
 * holds it from `from` for as long as the old one would have. The role's open tasks stay with the role,
 * so they are the new holder's from that day, and so are its reminders.
 */
export async function reassign(
  { prisma }: DirectoryDeps,
  principal: Principal,
  { organisationId, assignmentId, ...input }: z.infer<typeof reassignSchema> & { organisationId: string; assignmentId: string },
): Promise<z.infer<typeof reassignmentResultSchema>> {
  await administeredOrganisation(prisma, principal, organisationId);
  const { row: old, period } = await ownAssignment(prisma, organisationId, assignmentId);
  const plan = reassignment(period, input.from);
  if ('problem' in plan) throw badRequest('from', plan.problem);
  const role = roleSchema.parse(old.role);
  const person = await ensurePerson(prisma, { email: input.email, name: input.name });
  if (person.id === old.person.id) throw badRequest('email', 'already holds this assignment: end it or change its dates instead');
  await assertNoOverlap(prisma, person.id, role, organisationId, plan.next);
  const [ended, started] = await prisma.$transaction([
    prisma.roleAssignment.update({ where: { id: assignmentId }, data: { validUntil: dateColumn(plan.oldUntil) }, select: assignmentSelect }),
    prisma.roleAssignment.create({
      data: {
        personId: person.id,
        role,
        organisationId,
        validFrom: dateColumn(plan.next.validFrom),
        validUntil: plan.next.validUntil ? dateColumn(plan.next.validUntil) : null,
        createdBy: principal.label,
      },
      select: assignmentSelect,
    }),
  ]);
  const day = today();
  return { ended: assignmentView(ended, day), started: assignmentView(started, day) };
}
