import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
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
    markRunning(config.dataDir, port);
    console.log(`qingfeng ${label} listening on http://localhost:${port} (docs at /docs, data in ${config.dataDir})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

const PID_FILE = 'server.pid';

/** Leaves `DATA_DIR/server.pid` while the server runs, so maintenance commands can refuse to run under it. */
function markRunning(dataDir: string, port: number): void {
  const file = join(dataDir, PID_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, port }));
  process.once('exit', () => {
    try {
      if (JSON.parse(readFileSync(file, 'utf8')).pid === process.pid) rmSync(file, { force: true });
    } catch {
      // gone already
    }
  });
}

/** The server running on this DATA_DIR, if any (a stale file from a killed server does not count). */
export function runningServer(dataDir: string): { pid: number; port: number } | null {
  try {
    const found = JSON.parse(readFileSync(join(dataDir, PID_FILE), 'utf8')) as { pid: number; port: number };
    process.kill(found.pid, 0);
    return found;
  } catch {
    return null;
  }
}
