import request from 'supertest';
import { StandaloneModule } from '../../apps/standalone/src/app.module';
import { startApp } from './app';

export const API_TITLE = 'Qingfeng 清风 (standalone)';

/** The standalone server's description as GET /docs/openapi.json serves it on port 3000 (on a throwaway DATA_DIR). */
export async function describeApi(): Promise<Record<string, any>> {
  const t = await startApp({ QF_BACKGROUND: 'off', PORT: '3000' }, undefined, StandaloneModule, API_TITLE);
  try {
    return (await request(t.http).get('/docs/openapi.json').expect(200)).body;
  } finally {
    await t.close();
  }
}
