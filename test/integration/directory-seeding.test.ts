/**
 * The stakeholders given at launch become the directory's first assignments, and a provider awarded a
 * contract enters it with its contact: through the recording activities themselves, on a real database,
 * retried and run twice at once as Temporal may.
 */
import { randomUUID } from 'node:crypto';
import { makeRecordAwards } from '../../activities/record-award';
import { seedDirectoryFromAward, seedDirectoryFromLaunch } from '../../activities/record-directory';
import { makeRecordTenderLaunched } from '../../activities/record-tender';
import type { ActivityDeps } from '../../activities/deps';
import type { RecordAwardsInput, RecordTenderLaunchedInput } from '../../activities/schemas/records';
import { toIsoDate } from '../../domain/dates';
import { tenderLaunchSchema } from '../../domain/schemas/tender-launch';
import { createMailer } from '../../mail/transport';
import { awardedLots, zaanstadLaunch } from '../fixtures/zaanstad';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let db: TestDatabase;
let deps: ActivityDeps;

beforeAll(async () => {
  db = await createTestDatabase();
  deps = { prisma: db.prisma, mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:1' }) };
});

afterAll(async () => {
  await db?.drop();
});

const LAUNCHED_AT = '2026-03-02T09:15:00.000Z';

function launchInput(tenderId: string, launch: unknown): RecordTenderLaunchedInput {
  const parsed = tenderLaunchSchema.parse(launch);
  return {
    tender: {
      id: tenderId,
      workflowId: `tender-${tenderId}`,
      title: parsed.title,
      procurementForm: parsed.procurementForm,
      leadOrganisation: parsed.commissioners[0]!.organisation,
      estimatedValueCents: parsed.estimatedValueCents,
      contractStart: parsed.contractStart,
      termYears: parsed.termYears,
      phase: 'currentContractEvaluation',
      status: 'running',
      launch: { ...parsed, plan: {} },
      launchedAt: LAUNCHED_AT,
    },
    event: { id: `${tenderId}-launched`, workflowId: `tender-${tenderId}`, tenderId, type: 'tender.launched', data: {}, occurredAt: LAUNCHED_AT },
  };
}

const assignmentsOf = async (organisation: string) =>
  (
    await db.prisma.roleAssignment.findMany({ where: { organisationId: organisation }, include: { person: true }, orderBy: [{ role: 'asc' }] })
  ).map((a) => ({ email: a.person.email, role: a.role, validFrom: toIsoDate(a.validFrom), validUntil: a.validUntil, createdBy: a.createdBy }));

describe('seeding the directory at launch', () => {
  it("makes the commissioner an organisation and each stakeholder a person holding their role from the launch day; a retry and a second attempt at once add nothing", async () => {
    const launch = zaanstadLaunch();
    launch.stakeholders = [
      ...launch.stakeholders,
      { role: 'chainCoordinator', organisation: 'Gemeente Zaanstad', email: 'Keten@Zaanstad.example', name: 'K. Keten' },
    ];
    const record = makeRecordTenderLaunched(deps);
    const input = launchInput('t-zaanstad', launch);
    await record(input);
    // Two attempts seeding at once (the tender row's own upsert is the activity's business, not raced here).
    await Promise.all([seedDirectoryFromLaunch(db.prisma, input.tender.launch, '2026-03-02'), seedDirectoryFromLaunch(db.prisma, input.tender.launch, '2026-03-02')]);
    await record(input);

    expect(await db.prisma.organisation.findUnique({ where: { id: 'Gemeente Zaanstad' } })).toMatchObject({ kind: 'municipality', actsFor: [] });
    expect(await assignmentsOf('Gemeente Zaanstad')).toEqual([
      { email: 'keten@zaanstad.example', role: 'chainCoordinator', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
      { email: 'college@zaanstad.example', role: 'college', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
      { email: 'contractmanagement@zaanstad.example', role: 'contractManager', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
      { email: 'manager-sociaal-domein@zaanstad.example', role: 'manager', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
      { email: 'inkoop@zaanstad.example', role: 'procurementOfficer', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
    ]);
    expect(await db.prisma.person.findUnique({ where: { email: 'keten@zaanstad.example' } })).toMatchObject({ name: 'K. Keten' });
  });

  it('a later tender of the same commissioner adds only what is new: a person who already holds the role keeps their assignment', async () => {
    const launch = zaanstadLaunch('2028-01-01');
    launch.title = 'Jeugdhulp Zaanstad 2028';
    launch.stakeholders = [...launch.stakeholders, { role: 'implementationAdviser', organisation: 'Gemeente Zaanstad', email: 'advies@zaanstad.example' }];
    await makeRecordTenderLaunched(deps)({ ...launchInput('t-zaanstad-2', launch), tender: { ...launchInput('t-zaanstad-2', launch).tender, launchedAt: '2026-09-01T10:00:00.000Z' } });
    const rows = await assignmentsOf('Gemeente Zaanstad');
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.role === 'procurementOfficer')).toEqual([
      { email: 'inkoop@zaanstad.example', role: 'procurementOfficer', validFrom: '2026-03-02', validUntil: null, createdBy: 'launch' },
    ]);
    expect(rows.find((r) => r.role === 'implementationAdviser')).toMatchObject({ validFrom: '2026-09-01' });
  });

  it('a purchasing body with the municipalities it acts for', async () => {
    const launch = zaanstadLaunch();
    launch.commissioners = [{ organisation: 'Inkoopbureau Zaanstreek', kind: 'purchasingBody', actsFor: ['Gemeente Wormerland', 'Gemeente Oostzaan'] }];
    launch.stakeholders = launch.stakeholders.map((s) => ({ ...s, organisation: 'Inkoopbureau Zaanstreek', email: s.email.replace('zaanstad', 'zaanstreek') }));
    await makeRecordTenderLaunched(deps)(launchInput('t-zaanstreek', launch));
    expect(await db.prisma.organisation.findMany({ where: { id: { in: ['Inkoopbureau Zaanstreek', 'Gemeente Wormerland', 'Gemeente Oostzaan'] } }, orderBy: { id: 'asc' } })).toEqual([
      expect.objectContaining({ id: 'Gemeente Oostzaan', kind: 'municipality' }),
      expect.objectContaining({ id: 'Gemeente Wormerland', kind: 'municipality' }),
      expect.objectContaining({ id: 'Inkoopbureau Zaanstreek', kind: 'purchasingBody', actsFor: ['Gemeente Wormerland', 'Gemeente Oostzaan'] }),
    ]);
    expect(await assignmentsOf('Inkoopbureau Zaanstreek')).toHaveLength(4);
  });
});

describe('seeding the directory at final award', () => {
  function awardsInput(status: 'provisional' | 'final', lots = awardedLots): RecordAwardsInput {
    return {
      awards: lots.map((lot) => ({
        id: `t-zaanstad:1:${lot.lotId}`,
        tenderId: 't-zaanstad',
        round: 1,
        lotId: lot.lotId,
        provider: lot.provider,
        providerEmail: lot.providerEmail,
        valueCents: lot.valueCents,
        decidedAt: '2026-10-01T09:00:00.000Z',
        standstillEndsAt: '2026-10-21T09:00:00.000Z',
        status,
      })),
      event: { id: `award-${status}-${randomUUID()}`, workflowId: 'tender-t-zaanstad', tenderId: 't-zaanstad', type: `award.${status}`, data: {}, occurredAt: '2026-10-22T07:00:00.000Z' },
    };
  }

  it('a provisional award enters nobody', async () => {
    await makeRecordAwards(deps)(awardsInput('provisional'));
    expect(await db.prisma.organisation.count({ where: { kind: 'provider' } })).toBe(0);
  });

  it("the final award makes each provider an organisation, its contact the contract contact and, as it has none yet, the administrator; retried, nothing doubles", async () => {
    const record = makeRecordAwards(deps);
    const input = awardsInput('final');
    await record(input);
    await Promise.all(awardedLots.flatMap((lot) => [1, 2].map(() => seedDirectoryFromAward(db.prisma, lot, '2026-10-22'))));
    await record(input);
    for (const lot of awardedLots) {
      expect(await db.prisma.organisation.findUnique({ where: { id: lot.provider } })).toMatchObject({ kind: 'provider' });
      expect(await assignmentsOf(lot.provider)).toEqual([
        { email: lot.providerEmail, role: 'administrator', validFrom: '2026-10-22', validUntil: null, createdBy: 'award' },
        { email: lot.providerEmail, role: 'contractContact', validFrom: '2026-10-22', validUntil: null, createdBy: 'award' },
      ]);
    }
  });

  it('a provider that already has an administrator keeps it: a new contact becomes the contract contact only', async () => {
    const lot = { ...awardedLots[0]!, lotId: 'extra', providerEmail: 'nieuw-contract@dock.example' };
    await makeRecordAwards(deps)(awardsInput('final', [lot]));
    const rows = await assignmentsOf(lot.provider);
    expect(rows.filter((r) => r.role === 'administrator').map((r) => r.email)).toEqual([awardedLots[0]!.providerEmail]);
    expect(rows.filter((r) => r.role === 'contractContact').map((r) => r.email).sort()).toEqual([awardedLots[0]!.providerEmail, 'nieuw-contract@dock.example']);
  });
});
