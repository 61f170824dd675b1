import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig, configureApp } from '@qf/platform';
import { StandaloneModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(StandaloneModule, { bodyParser: false, bufferLogs: true });
  configureApp(app, 'Qingfeng 清风 (standalone)');
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  console.log(`qingfeng listening on http://localhost:${port} (docs at /docs, data in ${config.dataDir})`);
}

void bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
