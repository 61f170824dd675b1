import { Test } from '@nestjs/testing';
import request from 'supertest';
import { configureApp } from '@qf/platform';
import { StandaloneModule } from '../../apps/standalone/src/app.module';

export const API_TITLE = 'Qingfeng 清风 (standalone)';

/** The standalone server's description as GET /docs/openapi.json serves it (on a throwaway DATA_DIR). */
export async function describeApi(dataDir: string): Promise<Record<string, any>> {
  const saved = { ...process.env };
  Object.assign(process.env, { DATA_DIR: dataDir, JWT_SECRET: 'openapi-description-secret-000000', CLOCK: 'manual', QF_BACKGROUND: 'off', PORT: '3000', LOG_LEVEL: 'warn' });
  for (const k of ['READMODEL_URL', 'EVENTSTORE_URL', 'REDIS_URL', 'KAFKA_BROKERS']) delete process.env[k];
  const moduleRef = await Test.createTestingModule({ imports: [StandaloneModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  try {
    configureApp(app, API_TITLE);
    await app.init();
    return (await request(app.getHttpServer()).get('/docs/openapi.json').expect(200)).body;
  } finally {
    await app.close();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}
