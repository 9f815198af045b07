import { loadEnv } from '../../config/env';

describe('loadEnv', () => {
  it('applies the defaults, treating blank values as unset', () => {
    const env = loadEnv({ PORT: '', WORKER_MAX_CACHED_WORKFLOWS: '  ' });
    expect(env).toMatchObject({ PORT: 3000, TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'regie', LOG_LEVEL: 'info' });
    expect(env.WORKER_MAX_CACHED_WORKFLOWS).toBeUndefined();
  });

  it('reads the worker cache size as a whole number', () => {
    expect(loadEnv({ WORKER_MAX_CACHED_WORKFLOWS: '250' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(250);
  });

  it.each([
    ['0', 'must be at least 1'],
    ['2.5', 'must be a whole number'],
    ['many', 'must be a number'],
  ])('refuses WORKER_MAX_CACHED_WORKFLOWS=%s, naming the variable', (value, reason) => {
    expect(() => loadEnv({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(new RegExp(`WORKER_MAX_CACHED_WORKFLOWS.*${reason}`));
  });

  it('names every invalid variable at once', () => {
    expect(() => loadEnv({ PORT: '70000', SMTP_URL: 'http://mail' })).toThrow(/PORT[\s\S]*SMTP_URL|SMTP_URL[\s\S]*PORT/);
  });
});
