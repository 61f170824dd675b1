import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../tokens';
import { configureApp } from './configure-app';

/** Starts one Qingfeng service (standalone or a production service) and reports where it listens. */
export async function bootstrapService(module: unknown, title: string, label: string): Promise<void> {
  try {
    const app = await NestFactory.create(module as never, { bodyParser: false, bufferLogs: true });
    configureApp(app, title);
    const config = app.get<AppConfig>(APP_CONFIG);
    await app.listen(config.port);
    const { port } = app.getHttpServer().address() as AddressInfo;
    console.log(`qingfeng ${label} listening on http://localhost:${port} (docs at /docs, data in ${config.dataDir})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
