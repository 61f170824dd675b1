import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Role, configureApp, signToken } from '@qf/platform';
import { StandaloneModule } from '../../apps/standalone/src/app.module';

export const TEST_SECRET = 'test-secret-for-qingfeng-e2e-0001';

/** The environment as this test file found it, put back on close: later files in the jest worker see CI's servers. */
const ORIGINAL_ENV = { ...process.env };

export interface TestApp {
  app: INestApplication;
  http: ReturnType<INestApplication['getHttpServer']>;
  dataDir: string;
  token(roles: Role[], unitId?: string | null, sub?: string, name?: string): string;
  /** Moves the manual clock (admin endpoint, as a user would). */
  setClock(now: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The standalone app in-process on a fresh DATA_DIR with the manual clock of SPEC §4, on the embedded default
 * unless `env` names servers.
 */
export async function startApp(env: Record<string, string | undefined> = {}, existingDataDir?: string, module: unknown = StandaloneModule, title = 'test'): Promise<TestApp> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'qf-e2e-'));
  const savedEnv = ORIGINAL_ENV;
  Object.assign(process.env, { NODE_ENV: 'test', DATA_DIR: dataDir, JWT_SECRET: TEST_SECRET, CLOCK: 'manual', CLOCK_START: '2025-09-30T09:00:00+08:00' });
  // Servers are opt-in per test: REDIS_URL in CI's environment must not switch every app to BullMQ, and apps that do
  // use it get their own key prefix so parallel suites never take each other's jobs.
  const effective: Record<string, string | undefined> = {
    READMODEL_URL: undefined,
    READMODEL_SCHEMA: undefined,
    EVENTSTORE_URL: undefined,
    EVENTSTORE_SCHEMA: undefined,
    REDIS_URL: undefined,
    QUEUE_PREFIX: `qf-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    ...env,
  };
  for (const [k, v] of Object.entries(effective)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const moduleRef = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  configureApp(app, title);
  await app.init();
  const http = app.getHttpServer();
  const token = (roles: Role[], unitId: string | null = null, sub = `${roles.join('+')}@${unitId ?? 'none'}`, name?: string) =>
    signToken({ sub, roles, unitId, ...(name ? { name } : {}) }, TEST_SECRET);
  return {
    app,
    http,
    dataDir,
    token,
    async setClock(now: string) {
      await request(http).post('/api/admin/clock').set('Authorization', `Bearer ${token(['admin'])}`).send({ now }).expect(200);
    },
    async close() {
      await app.close();
      for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
      Object.assign(process.env, savedEnv);
      if (!existingDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Downloads a workbook over HTTP, as a user would, and opens it with exceljs. */
export async function downloadWorkbook(http: TestApp['http'], path: string, token: string): Promise<ExcelJS.Workbook> {
  const res = await request(http)
    .get(path)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200)
    .expect('Content-Type', /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.body as unknown as ArrayBuffer);
  return wb;
}
