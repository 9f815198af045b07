import { databasePoolSize } from '../../db/client';
import { EMBEDDED_APPLICATION_NAME, hasOwnSessions, PREPARED_STATEMENT, preparedStatementName } from '../../db/prepared-statements';

describe('prepared statements', () => {
  it('names a marked statement after its text, the same text the same name', () => {
    const sql = `${PREPARED_STATEMENT} SELECT $1::int`;
    expect(preparedStatementName({ sql })).toMatch(/^regie_[0-9a-f]{32}$/);
    expect(preparedStatementName({ sql })).toBe(preparedStatementName({ sql }));
    expect(preparedStatementName({ sql: `${PREPARED_STATEMENT} SELECT $1::text` })).not.toBe(preparedStatementName({ sql }));
  });

  it('leaves every other statement unnamed', () => {
    expect(preparedStatementName({ sql: 'SELECT 1' })).toBeUndefined();
    expect(preparedStatementName({ sql: ` ${PREPARED_STATEMENT} SELECT 1` })).toBeUndefined();
  });

  it('names none against the embedded PGlite, whose connections share one session', () => {
    expect(hasOwnSessions('postgresql://regie:regie@127.0.0.1:5432/regie')).toBe(true);
    expect(hasOwnSessions(`postgresql://postgres:postgres@127.0.0.1:5555/postgres?sslmode=disable&application_name=${EMBEDDED_APPLICATION_NAME}`)).toBe(false);
  });
});

describe('databasePoolSize', () => {
  it("is DATABASE_POOL_SIZE, else pg's default of 10", () => {
    expect(databasePoolSize(undefined)).toBe(10);
    expect(databasePoolSize('')).toBe(10);
    expect(databasePoolSize('24')).toBe(24);
  });

  it('refuses anything but a positive integer', () => {
    for (const value of ['0', '-1', '2.5', 'ten']) expect(() => databasePoolSize(value)).toThrow(/DATABASE_POOL_SIZE/);
  });
});
