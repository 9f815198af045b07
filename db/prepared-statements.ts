import { createHash } from 'node:crypto';

/**
 * Starts the SQL of a raw statement that a hot read route runs on every request (the overdue overview,
 * a provider's task list): such a statement is prepared once per connection, under a name derived from its
 * text, so PostgreSQL plans it once instead of on every call (planning was 1 to 3 ms of a 5 ms overview).
 * Only for statements whose text takes a bounded number of forms (values always as parameters, never a
 * list spelled out in the SQL): each form stays prepared for the life of the connection.
 */
export const PREPARED_STATEMENT = '/* prepared */';

/**
 * The application_name in the URL of the embedded PGlite server (db/embedded-postgres.ts). All its
 * connections share one session, so a statement one connection prepared under a name already exists for
 * the next: against it every statement stays unnamed.
 */
export const EMBEDDED_APPLICATION_NAME = 'regie-embedded';

/** Whether the database at `url` gives each connection a session of its own (any PostgreSQL but the embedded PGlite). */
export function hasOwnSessions(url: string): boolean {
  try {
    return new URL(url).searchParams.get('application_name') !== EMBEDDED_APPLICATION_NAME;
  } catch {
    return true;
  }
}

/** The name of a PREPARED_STATEMENT statement (undefined for every other: pg's unnamed statement, planned on each call). */
export function preparedStatementName({ sql }: { sql: string }): string | undefined {
  if (!sql.startsWith(PREPARED_STATEMENT)) return undefined;
  return `regie_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
}
