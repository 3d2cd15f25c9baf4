import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      databaseUrl: null,
      demo: false,
      adminPassword: null,
      logLevel: 'info',
      trustProxy: false,
    });
  });

  it('lists every bad variable at once', () => {
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', LUOSHI_DEMO: 'yes' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const vars = (e as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(vars).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'LUOSHI_DEMO', 'PORT']);
    }
  });

  it('reads the public URL (without a trailing slash) and the local-http switch of robot webhooks', () => {
    expect(parseConfig({})).toMatchObject({ publicUrl: null, webhookAllowLocalHttp: false });
    const c = parseConfig({
      LUOSHI_PUBLIC_URL: 'https://luoshi.example.gov.cn/',
      LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP: '1',
    });
    expect(c).toMatchObject({ publicUrl: 'https://luoshi.example.gov.cn', webhookAllowLocalHttp: true });
    expect(() => parseConfig({ LUOSHI_PUBLIC_URL: 'ftp://x' })).toThrow(/LUOSHI_PUBLIC_URL/);
  });

  it('treats an empty variable as unset and reads the switches', () => {
    const c = parseConfig({ PORT: '', LUOSHI_DEMO: '1', TRUST_PROXY: 'true', DATABASE_URL: 'postgres://u@h/db' });
    expect(c).toMatchObject({ port: 8080, demo: true, trustProxy: true, databaseUrl: 'postgres://u@h/db' });
  });
});
