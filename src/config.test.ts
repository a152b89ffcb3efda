import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: 'data/claimtrail.db', host: '127.0.0.1', port: 3000, logLevel: 'info',
      corsOrigins: [], cacheMaxAgeSeconds: 0, rateLimitMax: 3000, rateLimitWindowMs: 60_000, trustProxy: false,
      conflictWindowDays: 31, readAccess: 'public', writeRateLimitMax: 600, changesPollMs: 500, validateResponses: false,
    });
  });

  it('takes PUBLIC_URL as an origin only', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://claims.example.org' }).publicUrl).toBe('https://claims.example.org');
    for (const bad of ['claims.example.org', 'https://claims.example.org/', 'https://claims.example.org/api', 'ftp://x.org']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(`PUBLIC_URL="${bad}" must be the origin`);
    }
  });

  it('reads the editing variables, and names a bad one', () => {
    expect(loadConfig({ READ_ACCESS: 'key', WRITE_RATE_LIMIT_MAX: 'off', CHANGES_POLL_MS: '250' }))
      .toMatchObject({ readAccess: 'key', writeRateLimitMax: 0, changesPollMs: 250 });
    expect(() => loadConfig({ READ_ACCESS: 'private' })).toThrow('READ_ACCESS="private" must be public');
    expect(() => loadConfig({ WRITE_RATE_LIMIT_MAX: 'lots' })).toThrow('WRITE_RATE_LIMIT_MAX="lots"');
    expect(() => loadConfig({ CHANGES_POLL_MS: '5' })).toThrow('CHANGES_POLL_MS="5"');
  });

  it('reads every variable', () => {
    expect(loadConfig({ DATABASE_URL: ':memory:', HOST: '0.0.0.0', PORT: '8080', LOG_LEVEL: 'debug' }))
      .toMatchObject({ databaseUrl: ':memory:', host: '0.0.0.0', port: 8080, logLevel: 'debug' });
    expect(loadConfig({
      CORS_ORIGINS: 'https://desk.example.org, http://localhost:5173', CACHE_MAX_AGE_SECONDS: '30',
      RATE_LIMIT_MAX: '100', RATE_LIMIT_WINDOW_MS: '1000', TRUST_PROXY: '10.0.0.0/8,::1',
    })).toMatchObject({
      corsOrigins: ['https://desk.example.org', 'http://localhost:5173'], cacheMaxAgeSeconds: 30,
      rateLimitMax: 100, rateLimitWindowMs: 1000, trustProxy: ['10.0.0.0/8', '::1'],
    });
  });

  it.each([
    [{ CORS_ORIGINS: '*' }, { corsOrigins: ['*'] }],
    [{ CORS_ORIGINS: '' }, { corsOrigins: [] }],
    [{ RATE_LIMIT_MAX: 'off' }, { rateLimitMax: 0 }],
    [{ RATE_LIMIT_MAX: '0' }, { rateLimitMax: 0 }],
    [{ TRUST_PROXY: 'true' }, { trustProxy: true }],
    [{ CONFLICT_WINDOW_DAYS: '7' }, { conflictWindowDays: 7 }],
    [{ TRUST_PROXY: 'loopback' }, { trustProxy: ['loopback'] }],
  ])('reads %j as %j', (env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT="70000" must be a whole number from 0 to 65535'],
    [{ PORT: '1e3' }, 'PORT="1e3"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DATABASE_URL: '   ' }, 'DATABASE_URL="   "'],
    [{ CORS_ORIGINS: 'https://desk.example.org/' }, 'CORS_ORIGINS="https://desk.example.org/" must be * or a comma-separated list of origins'],
    [{ CORS_ORIGINS: 'desk.example.org' }, 'CORS_ORIGINS="desk.example.org" must be * or'],
    [{ CORS_ORIGINS: '*,https://desk.example.org' }, 'CORS_ORIGINS="*,https://desk.example.org" must be * or'],
    [{ CORS_ORIGINS: ' , ' }, 'CORS_ORIGINS=" , " must be * or'],
    [{ CONFLICT_WINDOW_DAYS: '-1' }, 'CONFLICT_WINDOW_DAYS="-1" must be a whole number of days from 0 to 3660'],
    [{ CONFLICT_WINDOW_DAYS: '4000' }, 'CONFLICT_WINDOW_DAYS="4000" must be a whole number of days'],
    [{ CONFLICT_WINDOW_DAYS: '1e2' }, 'CONFLICT_WINDOW_DAYS="1e2"'],
    [{ CACHE_MAX_AGE_SECONDS: '-1' }, 'CACHE_MAX_AGE_SECONDS="-1" must be a whole number of seconds from 0 to 86400'],
    [{ CACHE_MAX_AGE_SECONDS: '90000' }, 'CACHE_MAX_AGE_SECONDS="90000" must be a whole number of seconds from 0 to 86400'],
    [{ RATE_LIMIT_MAX: 'lots' }, 'RATE_LIMIT_MAX="lots" must be a whole number of requests, or 0 or off'],
    [{ RATE_LIMIT_MAX: '1.5' }, 'RATE_LIMIT_MAX="1.5"'],
    [{ RATE_LIMIT_WINDOW_MS: '10' }, 'RATE_LIMIT_WINDOW_MS="10" must be a whole number of milliseconds from 1000 to 86400000'],
    [{ RATE_LIMIT_WINDOW_MS: '1m' }, 'RATE_LIMIT_WINDOW_MS="1m" must be a whole number of milliseconds'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY="yes" must be true, false, or a comma-separated list of proxy IPs/CIDRs'],
    [{ TRUST_PROXY: '2' }, 'TRUST_PROXY="2"'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY="10.0.0.0/33"'],
  ])('stops on %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
