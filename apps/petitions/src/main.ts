import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { APP_CONFIG, AppConfig, PlatformModule, configureApp } from '@qf/platform';
import { PetitionModule } from '@qf/petition';

/** The petitions service on its own, for the production topology (EventStoreDB + PostgreSQL). */
@Module({ imports: [PlatformModule, PetitionModule] })
class PetitionsServiceModule {}

async function bootstrap() {
  const app = await NestFactory.create(PetitionsServiceModule, { bodyParser: false, bufferLogs: true });
  configureApp(app, 'Qingfeng 清风 — petitions 信访件');
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  console.log(`qingfeng petitions service listening on :${port}`);
}

void bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
