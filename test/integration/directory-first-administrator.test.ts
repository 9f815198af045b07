/**
 * The first administrator made at start (scripts/start.ts, api/main.ts): only while the directory has
 * no administrator, idempotent at every start, with the roles `npm start` gives its first user.
 */
import { toIsoDate } from '../../domain/dates';
import { BOOTSTRAP_CREATOR, EMBEDDED_FIRST_ADMINISTRATOR, ensureFirstAdministrator, FIRST_USER_ROLES } from '../../db/first-administrator';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase();
});

afterEach(async () => {
  await db?.drop();
});

const assignments = () =>
  db.prisma.roleAssignment.findMany({ include: { person: true }, orderBy: { role: 'asc' } }).then((rows) =>
    rows.map((r) => ({ email: r.person.email, role: r.role, organisation: r.organisationId, validFrom: toIsoDate(r.validFrom), validUntil: r.validUntil, createdBy: r.createdBy })),
  );

it("an empty directory gets the embedded default's first user, with the roles to try every page; the next start adds nothing", async () => {
  const now = new Date('2026-12-02T08:00:00Z');
  const first = await ensureFirstAdministrator(db.prisma, { ...EMBEDDED_FIRST_ADMINISTRATOR, roles: FIRST_USER_ROLES }, now);
  expect(first).toEqual({ created: true, email: 'beheer@gemeente.example', organisation: 'Gemeente Voorbeeld' });
  expect(await db.prisma.organisation.findUnique({ where: { id: 'Gemeente Voorbeeld' } })).toMatchObject({ kind: 'municipality' });
  const made = ['administrator', 'contractManager', 'manager', 'procurementOfficer'].map((role) => ({
    email: 'beheer@gemeente.example',
    role,
    organisation: 'Gemeente Voorbeeld',
    validFrom: '2026-12-02',
    validUntil: null,
    createdBy: BOOTSTRAP_CREATOR,
  }));
  expect(await assignments()).toEqual(made);

  const again = await ensureFirstAdministrator(db.prisma, { ...EMBEDDED_FIRST_ADMINISTRATOR, roles: FIRST_USER_ROLES }, now);
  expect(again.created).toBe(false);
  expect(await assignments()).toEqual(made);
});

it('a directory that has an administrator (anywhere) is left alone; one whose administrators all left gets one again', async () => {
  const person = await db.prisma.person.create({ data: { email: 'beheer@zaanstad.example' } });
  await db.prisma.organisation.create({ data: { id: 'Gemeente Zaanstad', kind: 'municipality', actsFor: [] } });
  const assignment = await db.prisma.roleAssignment.create({
    data: { personId: person.id, role: 'administrator', organisationId: 'Gemeente Zaanstad', validFrom: new Date('2026-01-01T00:00:00Z'), createdBy: 'launch' },
  });
  const now = new Date('2026-12-02T08:00:00Z');
  expect((await ensureFirstAdministrator(db.prisma, { email: 'Nieuw@Voorbeeld.example', organisation: 'Gemeente Voorbeeld' }, now)).created).toBe(false);
  expect(await db.prisma.organisation.count({ where: { id: 'Gemeente Voorbeeld' } })).toBe(0);

  await db.prisma.roleAssignment.update({ where: { id: assignment.id }, data: { validUntil: new Date('2026-11-30T00:00:00Z') } });
  const made = await ensureFirstAdministrator(db.prisma, { email: 'Nieuw@Voorbeeld.example', organisation: 'Gemeente Voorbeeld' }, now);
  expect(made).toEqual({ created: true, email: 'nieuw@voorbeeld.example', organisation: 'Gemeente Voorbeeld' });
  expect((await assignments()).filter((a) => a.organisation === 'Gemeente Voorbeeld').map((a) => a.role)).toEqual(['administrator']);
});
