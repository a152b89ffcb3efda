import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({ databaseUrl: 'data/claimtrail.db', host: '127.0.0.1', port: 3000, logLevel: 'info' });
  });

  it('reads every variable', () => {
    expect(loadConfig({ DATABASE_URL: ':memory:', HOST: '0.0.0.0', PORT: '8080', LOG_LEVEL: 'debug' }))
      .toEqual({ databaseUrl: ':memory:', host: '0.0.0.0', port: 8080, logLevel: 'debug' });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" must be a whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT="70000" must be a whole number from 0 to 65535'],
    [{ PORT: '1e3' }, 'PORT="1e3"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ DATABASE_URL: '   ' }, 'DATABASE_URL="   "'],
  ])('stops on %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
