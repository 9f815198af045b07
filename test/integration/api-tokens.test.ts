import { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { hashSecretToken } from '../../api/auth/secret-tokens';
import { buildApi } from '../../api/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { apiTokenFor } from '../helpers/principals';
import { personWithRoles, sessionFor, type SessionHeaders } from '../helpers/sessions';

// API tokens per organisation, kept by that organisation's administrator (signed in with a session).

let db: TestDatabase;
let temporal: Client;
let api: FastifyInstance;
let smdAdmin: SessionHeaders;
let zaanstadAdmin: SessionHeaders;
let smdContact: SessionHeaders;
let formerSmdAdmin: SessionHeaders;

const SMD = 'SMD';
const ZAANSTAD = 'Gemeente Zaanstad';

beforeAll(async () => {
  db = await createTestDatabase();
  temporal = new Client(); // lazy: these routes never use it
  api = await buildApi({ prisma: db.prisma, temporal, taskQueue: 'unused' }, { logger: false });
  const person = async (email: string, assignments: Parameters<typeof personWithRoles>[2]) => sessionFor(api, db.prisma, (await personWithRoles(db.prisma, email, assignments)).id);
  smdAdmin = await person('beheer@smd.nl', [{ role: 'administrator', organisation: SMD, kind: 'provider' }]);
  smdContact = await person('contact@smd.nl', [{ role: 'contractContact', organisation: SMD, kind: 'provider' }]);
  formerSmdAdmin = await person('oud-beheer@smd.nl', [{ role: 'administrator', organisation: SMD, kind: 'provider', validUntil: '2020-12-31' }]);
  zaanstadAdmin = await person('beheer@zaanstad.nl', [{ role: 'administrator', organisation: ZAANSTAD, kind: 'municipality' }]);
});

afterAll(async () => {
  await api?.close();
  await temporal?.connection.close();
  await db?.drop();
});

const tokensUrl = (organisation: string) => `/organisations/${encodeURIComponent(organisation)}/api-tokens`;
const create = (headers: object, organisation: string, payload: object) => api.inject({ method: 'POST', url: tokensUrl(organisation), headers: { ...headers }, payload });
const list = (headers: object, organisation: string) => api.inject({ method: 'GET', url: tokensUrl(organisation), headers: { ...headers } });
const revoke = (headers: object, organisation: string, id: string) => api.inject({ method: 'POST', url: `${tokensUrl(organisation)}/${id}/revoke`, headers: { ...headers } });
const me = (token: string) => api.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });

let labels = 0;
const label = () => `koppeling ${++labels}`;

describe('API tokens of an organisation', () => {
  it("its administrator creates one: the secret is shown once, stored only hashed, and acts in the token's roles", async () => {
    const response = await create(smdAdmin, SMD, { label: 'zorgadministratie', roles: ['contractContact', 'teamLead'] });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ organisation: SMD, label: 'zorgadministratie', roles: ['contractContact', 'teamLead'], createdBy: 'beheer@smd.nl', lastUsedAt: null, revokedAt: null });
    expect(created.token).toMatch(/^regie_api_[A-Za-z0-9_-]{43}$/);
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashSecretToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const asToken = await me(created.token);
    expect(asToken.statusCode).toBe(200);
    expect(asToken.json()).toMatchObject({
      kind: 'apiToken',
      name: 'zorgadministratie',
      holdings: [
        { role: 'contractContact', organisation: SMD },
        { role: 'teamLead', organisation: SMD },
      ],
    });

    const listed = await list(smdAdmin, SMD);
    expect(listed.statusCode).toBe(200);
    const entry = listed.json().tokens.find((t: { id: string }) => t.id === created.id);
    expect(entry).toMatchObject({ label: 'zorgadministratie', roles: ['contractContact', 'teamLead'], revokedAt: null });
    expect(entry.lastUsedAt).not.toBeNull(); // it was just used
    expect(Object.keys(entry).sort()).toEqual(['createdAt', 'createdBy', 'id', 'label', 'lastUsedAt', 'organisation', 'revokedAt', 'roles']);
    expect(listed.body).not.toContain(created.token);
    expect(listed.body).not.toContain(row.tokenHash);
  });

  it('a revoked token is refused (401) from then on; revoking again changes nothing', async () => {
    const { id, token } = (await create(smdAdmin, SMD, { label: label(), roles: ['director'] })).json();
    expect((await me(token)).statusCode).toBe(200);

    const revoked = await revoke(smdAdmin, SMD, id);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await me(token)).statusCode).toBe(401);

    const again = await revoke(smdAdmin, SMD, id);
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
  });

  it("roles must fit the organisation's kind, and never administrator (400 naming the role)", async () => {
    const cases: [SessionHeaders, string, string[], string][] = [
      [smdAdmin, SMD, ['procurementOfficer'], 'roles.0'],
      [smdAdmin, SMD, ['contractContact', 'administrator'], 'roles.1'],
      [zaanstadAdmin, ZAANSTAD, ['teamLead'], 'roles.0'],
      [zaanstadAdmin, ZAANSTAD, ['administrator'], 'roles.0'],
    ];
    for (const [headers, organisation, roles, field] of cases) {
      const response = await create(headers, organisation, { label: label(), roles });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues).toEqual([expect.objectContaining({ field })]);
    }
    for (const roles of [[], ['unknownRole'], ['contractContact', 'contractContact']]) {
      const response = await create(smdAdmin, SMD, { label: label(), roles });
      expect(response.statusCode).toBe(400);
      expect(response.json().issues[0].field).toMatch(/^roles/);
    }
    expect((await create(smdAdmin, SMD, { label: ' ', roles: ['director'] })).json().issues[0].field).toBe('label');
    expect((await create(zaanstadAdmin, ZAANSTAD, { label: label(), roles: ['contractManager', 'manager'] })).statusCode).toBe(201);
    expect(await db.prisma.apiToken.count({ where: { roles: { has: 'administrator' } } })).toBe(0);
  });

  it('an active label is used once per organisation (409)', async () => {
    const name = label();
    expect((await create(smdAdmin, SMD, { label: name, roles: ['director'] })).statusCode).toBe(201);
    const twice = await create(smdAdmin, SMD, { label: name, roles: ['teamLead'] });
    expect(twice.statusCode).toBe(409);
    expect((await create(zaanstadAdmin, ZAANSTAD, { label: name, roles: ['manager'] })).statusCode).toBe(201); // another organisation's
  });

  it("another organisation's administrator gets 404 on every route, as for an organisation that does not exist, and changes nothing", async () => {
    const { id, token } = (await create(smdAdmin, SMD, { label: label(), roles: ['teamLead'] })).json();
    const before = await db.prisma.apiToken.count();

    const refusals = [
      await create(zaanstadAdmin, SMD, { label: label(), roles: ['teamLead'] }),
      await list(zaanstadAdmin, SMD),
      await revoke(zaanstadAdmin, SMD, id),
      // its own organisation in the path, SMD's token id: not found either
      await revoke(zaanstadAdmin, ZAANSTAD, id),
    ];
    const missing = await list(zaanstadAdmin, 'Gemeente Bestaat Niet');
    for (const response of refusals) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe(missing.json().error);
    }
    expect(refusals.slice(0, 3).map((r) => r.json().message)).toEqual(Array(3).fill(missing.json().message));
    expect(await db.prisma.apiToken.count()).toBe(before);
    expect((await me(token)).statusCode).toBe(200); // still valid
  });

  it("the organisation's other people, a former administrator and its own API tokens get 404 too; anonymous 401", async () => {
    const smdToken = await apiTokenFor(db.prisma, SMD, ['contractContact', 'director'], { kind: 'provider' });
    for (const headers of [smdContact, formerSmdAdmin, smdToken]) {
      expect((await list(headers, SMD)).statusCode).toBe(404);
      expect((await create(headers, SMD, { label: label(), roles: ['director'] })).statusCode).toBe(404);
    }
    expect((await api.inject({ method: 'GET', url: tokensUrl(SMD) })).statusCode).toBe(401);
    expect((await api.inject({ method: 'POST', url: tokensUrl(SMD), payload: { label: label(), roles: ['director'] } })).statusCode).toBe(401);
  });

  it('a signed-in administrator without the CSRF token is refused (403) and nothing is created; an API token needs none', async () => {
    const before = await db.prisma.apiToken.count();
    const withoutToken = await create({ cookie: smdAdmin.cookie }, SMD, { label: label(), roles: ['director'] });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().message).toMatch(/CSRF/);
    const wrongToken = await create({ ...smdAdmin, 'x-csrf-token': 'x' }, SMD, { label: label(), roles: ['director'] });
    expect(wrongToken.statusCode).toBe(403);
    expect(await db.prisma.apiToken.count()).toBe(before);
    // A Bearer token is not sent by a browser on its own: no CSRF token needed (here refused for another reason, 404).
    const bearer = await apiTokenFor(db.prisma, SMD, ['director'], { kind: 'provider', label: label() });
    expect((await create(bearer, SMD, { label: label(), roles: ['director'] })).statusCode).toBe(404);
    expect((await create(smdAdmin, SMD, { label: label(), roles: ['director'] })).statusCode).toBe(201);
  });
});
