import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at start. A bad value stops the start with every bad variable listed.
 * The names are fixed (DESIGN.md); .env.example lists them all.
 */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: 'must start with postgres:// or postgresql://' })
    .optional(),
  LUOSHI_DEMO: flag.default(false),
  LUOSHI_ADMIN_PASSWORD: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** set when a reverse proxy terminates TLS: trust X-Forwarded-* (and mark cookies Secure on https) */
  TRUST_PROXY: flag.default(false),
  /** key of the HMAC-SM3 audit chain, when the security policy selects it (hex or text, at least 32 characters) */
  LUOSHI_AUDIT_KEY: z.string().min(32).optional(),
  /** the address users open the app at (https://luoshi.example.gov.cn): links in robot messages are made absolute */
  LUOSHI_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  /** accept http:// robot webhooks to 127.0.0.1/localhost (tests, a local relay); otherwise https only */
  LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP: flag.default(false),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  adminPassword: string | null;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  auditKey: string | null;
  publicUrl: string | null;
  webhookAllowLocalHttp: boolean;
  version: string;
};

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export function parseConfig(env: Record<string, string | undefined>, version = '0.0.0'): Config {
  // an empty variable counts as unset, as shells and .env files commonly leave them
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = EnvSchema.safeParse(clean);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = r.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    demo: e.LUOSHI_DEMO,
    adminPassword: e.LUOSHI_ADMIN_PASSWORD ?? null,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    auditKey: e.LUOSHI_AUDIT_KEY ?? null,
    publicUrl: e.LUOSHI_PUBLIC_URL ? e.LUOSHI_PUBLIC_URL.replace(/\/+$/, '') : null,
    webhookAllowLocalHttp: e.LUOSHI_WEBHOOK_ALLOW_LOCAL_HTTP,
    version,
  };
}
