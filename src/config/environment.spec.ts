import { EnvironmentError, parseEnvironment } from './environment.js';

const problemsOf = (env: Record<string, string | undefined>): string[] => {
  try {
    parseEnvironment(env);
    return [];
  } catch (error) {
    if (error instanceof EnvironmentError) return error.problems;
    throw error;
  }
};

describe('parseEnvironment', () => {
  it('applies the documented defaults', () => {
    const env = parseEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      JWT_TTL: 900,
      SESSION_IDLE_DAYS: 14,
      SESSION_MAX_DAYS: 60,
      RATE_LIMIT_REGISTER_PER_HOUR: 20,
      LOG_LEVEL: 'info',
      RATE_LIMIT_LOGIN_FAILURES: 10,
      RATE_LIMIT_LOGIN_PER_MINUTE: 100,
      RATE_LIMIT_PER_MINUTE: 600,
    });
    expect(env.TRUST_PROXY).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = parseEnvironment({
      PORT: '8080',
      RATE_LIMIT_PER_MINUTE: '5000',
    });
    expect(env.PORT).toBe(8080);
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(5000);
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['JWT_SECRET', { JWT_SECRET: 'short' }],
    ['JWT_TTL', { JWT_TTL: '10' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'nobody', ADMIN_PASSWORD: 'long-enough-password' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'not a url' }],
    ['RATE_LIMIT_LOGIN_FAILURES', { RATE_LIMIT_LOGIN_FAILURES: '0' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/99' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost:6379' }],
    ['SESSION_IDLE_DAYS', { SESSION_IDLE_DAYS: '90', SESSION_MAX_DAYS: '30' }],
  ])('names %s when it is invalid', (variable, env) => {
    const problems = problemsOf(env);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith(variable))).toBe(true);
  });

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET is required when NODE_ENV=production',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.com' })).toEqual([
      'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
    ]);
  });

  it('accepts a postgres URL and a list of origins', () => {
    expect(
      problemsOf({
        DATABASE_URL: 'postgres://user:pw@db:5432/unknot',
        CORS_ORIGINS: 'https://app.example.com, http://localhost:5173',
      }),
    ).toEqual([]);
  });
});
