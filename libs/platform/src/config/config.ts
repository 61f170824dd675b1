import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Everything the process reads from its environment, validated once at start (SPEC §11). */
export interface AppConfig {
  production: boolean;
  port: number;
  dataDir: string;
  jwtSecret: string;
  /** Master key of the personal-data vault (SPEC §8), 32 bytes. */
  piiKey: Buffer;
  clock: { mode: 'system' | 'manual'; start?: string };
  eventStoreUrl?: string;
  /** The PostgreSQL event store's schema (EVENTSTORE_SCHEMA, default `eventstore`). */
  eventStoreSchema?: string;
  readModelUrl?: string;
  readModelSchema?: string;
  redisUrl?: string;
  /** Prefix of the BullMQ keys in Redis (QUEUE_PREFIX), so deployments and test runs sharing a Redis stay apart. */
  queuePrefix: string;
  kafkaBrokers?: string[];
  directorySeed: string;
  logLevel: string;
  /** How long a command waits for the read models to include its own events (read-your-writes), ms. */
  projectionWaitMs: number;
  /**
   * Whether the process runs background work — projections, schedulers, reactions, consumers, the relay. Off
   * (`QF_BACKGROUND=off`) for maintenance commands that only need the modules' registrations (the CLI's rebuild).
   */
  background: boolean;
}

export class ConfigError extends Error {}

const DEFAULT_SEED = resolve(__dirname, '../../../directory/seed/sample-district.json');

/** Reads a secret kept in DATA_DIR, creating it on first start (embedded default only). */
function persistentSecret(dataDir: string, file: string, bytes: number): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });

  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be a port number');

  let jwtSecret = env.JWT_SECRET;
  if (!jwtSecret) {
    if (production) problems.push('JWT_SECRET is required in production');
    else jwtSecret = persistentSecret(dataDir, 'jwt-secret', 32);
  } else if (jwtSecret.length < 16) problems.push('JWT_SECRET must be at least 16 characters');

  let piiKeyText = env.PII_KEY;
  if (!piiKeyText) {
    if (production) problems.push('PII_KEY is required in production (32 bytes, base64)');
    else piiKeyText = persistentSecret(dataDir, 'pii-key', 32);
  }
  const piiKey = Buffer.from(piiKeyText ?? '', 'base64');
  if (piiKeyText && piiKey.length !== 32) problems.push('PII_KEY must be 32 bytes in base64');

  const clockMode = env.CLOCK === 'manual' ? 'manual' : 'system';
  if (env.CLOCK && env.CLOCK !== 'manual' && env.CLOCK !== 'system') problems.push('CLOCK must be manual or system');
  if (clockMode === 'manual' && production) problems.push('CLOCK=manual is refused when NODE_ENV=production');
  if (env.CLOCK_START && Number.isNaN(Date.parse(env.CLOCK_START))) problems.push('CLOCK_START must be an ISO 8601 time');

  if (env.EVENTSTORE_URL && !/^(postgres(ql)?|esdb(\+discover)?|kurrent(db)?(\+discover)?):\/\//.test(env.EVENTSTORE_URL)) {
    problems.push('EVENTSTORE_URL must be a postgres:// or esdb:// URL');
  }
  if (env.EVENTSTORE_SCHEMA && !/^[a-z_][a-z0-9_]{0,62}$/.test(env.EVENTSTORE_SCHEMA)) problems.push('EVENTSTORE_SCHEMA must be a lower-case SQL identifier');
  const readModelUrl = env.READMODEL_URL || undefined;
  if (readModelUrl && !/^postgres(ql)?:\/\//.test(readModelUrl)) problems.push('READMODEL_URL must be a postgres:// URL');
  const waitMs = Number(env.PROJECTION_WAIT_MS ?? 2000);

  if (problems.length) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return {
    production,
    port,
    dataDir,
    jwtSecret: jwtSecret!,
    piiKey,
    clock: { mode: clockMode, start: env.CLOCK_START },
    eventStoreUrl: env.EVENTSTORE_URL || undefined,
    eventStoreSchema: env.EVENTSTORE_SCHEMA || undefined,
    readModelUrl,
    readModelSchema: env.READMODEL_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    queuePrefix: env.QUEUE_PREFIX || 'qingfeng',
    kafkaBrokers: env.KAFKA_BROKERS ? env.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean) : undefined,
    directorySeed: env.DIRECTORY_SEED ? resolve(env.DIRECTORY_SEED) : DEFAULT_SEED,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    projectionWaitMs: Number.isFinite(waitMs) && waitMs >= 0 ? waitMs : 2000,
    background: env.QF_BACKGROUND !== 'off',
  };
}
