#!/usr/bin/env node
/**
 * `npm test`: every suite that needs no server, plus the PostgreSQL / Redis / EventStoreDB / Kafka suites for each
 * of READMODEL_URL, REDIS_URL, EVENTSTORE_URL, KAFKA_BROKERS that is set. Says up front which are on.
 */
const { spawnSync } = require('node:child_process');

const servers = { READMODEL_URL: 'PostgreSQL', REDIS_URL: 'Redis', EVENTSTORE_URL: 'Event store (EventStoreDB or PostgreSQL)', KAFKA_BROKERS: 'Kafka' };
for (const [name, server] of Object.entries(servers)) {
  console.log(`${server} suites: ${process.env[name] ? `ON (${name} set)` : `off (set ${name} to run them)`}`);
}
// Architecture rules first (STYLE.md): domain code imports no framework.
const cruise = spawnSync(process.execPath, [require('node:path').join(__dirname, '..', 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs'), '--config', '.dependency-cruiser.js', 'libs', 'apps'], { stdio: 'inherit' });
if (cruise.status !== 0) process.exit(cruise.status ?? 1);
// Types next: the typed API client of test/openapi.e2e.spec.ts is only a check when its calls are type-checked.
const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const args = ['--maxWorkers=2', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } });
process.exit(result.status ?? 1);
