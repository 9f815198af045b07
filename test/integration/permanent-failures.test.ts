/**
 * Activity failures that retrying cannot cure are non-retryable with their own type, so Temporal does
 * not retry them for ever: a record that does not exist. A database that is down stays retryable.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { createActivities } from '../../activities';
import { RecordNotFound } from '../../activities/permanent-failures';
import { createPrismaClient } from '../../db/client';
import { createMailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { freePort } from '../helpers/postgres-instance';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:2' });
const event = (workflowId: string) => ({ id: randomUUID(), workflowId, type: 'contract.ended', data: {}, occurredAt: new Date().toISOString() });

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

test('updating a contract or tender that does not exist is a non-retryable RecordNotFound naming the activity', async () => {
  const activities = createActivities({ prisma: db.prisma, mailer });
  const contract = await failureOf(activities.recordContractStatus({ contractId: 'no-such-contract', status: 'ended', event: event('contract-no-such') }));
  expect(contract).toBeInstanceOf(ApplicationFailure);
  expect(contract).toMatchObject({ type: RecordNotFound, nonRetryable: true });
  expect((contract as Error).message).toMatch(/^recordContractStatus: /);

  const tender = await failureOf(activities.recordTenderState({ tenderId: randomUUID(), phase: 'cancelled', status: 'cancelled', event: event('tender-no-such') }));
  expect(tender).toMatchObject({ type: RecordNotFound, nonRetryable: true });
  expect(await db.prisma.event.count()).toBe(0);
});

test('a database that is not there stays a retryable failure', async () => {
  const prisma = createPrismaClient(`postgresql://regie:regie@127.0.0.1:${await freePort()}/regie`);
  try {
    const activities = createActivities({ prisma, mailer });
    const error = await failureOf(activities.recordContractStatus({ contractId: 'c-1', status: 'ended', event: event('contract-c-1') }));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ApplicationFailure);
  } finally {
    await prisma.$disconnect();
  }
});
