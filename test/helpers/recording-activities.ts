/**
 * The activities on a fresh migrated test database (test/helpers/database.ts), for tests of what they
 * record: created before the file's tests, the database dropped after them. Their mail goes to a closed
 * port, so a test that sends one sees it fail.
 */
import { createActivities } from '../../activities';
import { createMailer } from '../../mail/transport';
import { createTestDatabase, type TestDatabase } from './database';

export interface RecordingActivities {
  db: TestDatabase;
  activities: ReturnType<typeof createActivities>;
}

/** Call at the top of a test file; read `db` and `activities` inside the tests. */
export function useRecordingActivities(): RecordingActivities {
  const recording = {} as RecordingActivities;
  beforeAll(async () => {
    recording.db = await createTestDatabase();
    recording.activities = createActivities({ prisma: recording.db.prisma, mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:2' }) });
  });
  afterAll(async () => {
    await recording.db?.drop();
  });
  return recording;
}
