import { parseArgs } from 'node:util';
// Only what minting a token needs is loaded up front (a token is printed in well under a second); the projection
// commands load the application itself below.
import { ROLES, type Role } from '../../../libs/kernel/src/actor';
import { loadConfig } from '../../../libs/platform/src/config/config';
import { signToken } from '../../../libs/platform/src/auth/jwt';

const USAGE = `usage:
  npm run cli -- projections:rebuild [name ...]   rebuild read models from the events (every registered one when no
                                                  name is given); refused while a server runs on DATA_DIR
  npm run cli -- projections:list                 list the registered projections
  npm run cli -- backup <file>                    a consistent backup of the embedded default, also while it runs
  npm run cli -- restore <file> [--force]         a backup into DATA_DIR (refused while a server runs on it)
  npm run cli -- token --sub ID --roles r1,r2 [--unit UNIT] [--name NAME] [--ttl 12h]
                                                  print a JWT signed with this deployment's JWT_SECRET, valid
                                                  for --ttl (seconds, or a number with s, m, h or d; default 12h)
The CLI reads the same environment as the server: DATA_DIR (default ./data), JWT_SECRET (default the secret the
embedded server generated into DATA_DIR), EVENTSTORE_URL, READMODEL_URL. It says on stderr which it used.
roles: ${ROLES.join(', ')}`;

/** Which deployment the command acts on, said on stderr so it cannot be mistaken. */
function sayWhere(config: ReturnType<typeof loadConfig>, what: string): void {
  const secret = process.env.JWT_SECRET ? 'JWT_SECRET from the environment' : `the JWT secret in ${config.dataDir}/jwt-secret`;
  const stores = `${config.eventStoreUrl ? 'events on EVENTSTORE_URL' : `events in ${config.dataDir}`}, ${config.readModelUrl ? 'read models on READMODEL_URL' : `read models in ${config.dataDir}`}`;
  console.error(`qingfeng cli: ${what} — DATA_DIR=${config.dataDir}; ${what === 'token' ? secret : stores}`);
}

function token(rest: string[]): number {
  const { values } = parseArgs({
    args: rest,
    options: { sub: { type: 'string' }, roles: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string' }, expires: { type: 'string' } },
  });
  const roles = (values.roles ?? '').split(',').filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (!values.sub || roles.length === 0 || bad.length) {
    console.error(bad.length ? `unknown role(s): ${bad.join(', ')}` : USAGE);
    return 2;
  }
  // SPEC §1: every token expires. `--expires` is the old name of `--ttl`.
  const ttl = values.ttl ?? values.expires ?? '12h';
  const ttlMatch = /^([1-9]\d{0,6})([smhd]?)$/.exec(ttl);
  if (!ttlMatch) {
    console.error(`--ttl must be a positive number of seconds, or a number followed by s, m, h or d (got "${ttl}")`);
    return 2;
  }
  const seconds = Number(ttlMatch[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[ttlMatch[2] as '' | 's' | 'm' | 'h' | 'd'];
  const config = loadConfig();
  sayWhere(config, 'token');
  console.log(signToken({ sub: values.sub, name: values.name, roles: roles as Role[], unitId: values.unit ?? null }, config.jwtSecret, seconds));
  return 0;
}

/**
 * The projection commands take the registry the application itself builds: every module registers its read models
 * with the ProjectionsService when the application context initialises — the same list the server runs and
 * /health/ready reports. Background work (the runner, schedulers, reactions) stays off in this process.
 */
async function projections(command: 'projections:list' | 'projections:rebuild', names: string[]): Promise<number> {
  require('reflect-metadata');
  const platform = await import('@qf/platform');
  const config = platform.loadConfig();
  sayWhere(config, command);
  if (command === 'projections:rebuild' && !config.eventStoreUrl) {
    const running = platform.runningServer(config.dataDir);
    if (running) {
      console.error(`a server (pid ${running.pid}, port ${running.port}) is running on ${config.dataDir}: stop it before rebuilding its read models`);
      return 3;
    }
  }
  const { openMaintenance } = await import('./maintenance');
  const maintenance = await openMaintenance();
  try {
    const { registered } = maintenance;
    if (command === 'projections:list') {
      for (const p of registered) console.log(`${p.name}\tversion ${p.version}`);
      return 0;
    }
    const unknown = names.filter((n) => !registered.some((p) => p.name === n));
    if (unknown.length) {
      console.error(`unknown projection(s): ${unknown.join(', ')} — registered: ${registered.map((p) => p.name).join(', ')}`);
      return 2;
    }
    console.log(JSON.stringify(await maintenance.rebuild(names.length ? names : undefined)));
    return 0;
  } finally {
    await maintenance.close();
  }
}

async function backupCommands(command: 'backup' | 'restore', rest: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: rest, options: { force: { type: 'boolean' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  sayWhere(config, command);
  if (config.eventStoreUrl || config.readModelUrl) {
    console.error('backup and restore are for the embedded default; back up PostgreSQL or EventStoreDB with their own tools (docs/operations.md)');
    return 2;
  }
  const { backup, restore } = await import('./backup');
  if (command === 'backup') {
    console.log(JSON.stringify(await backup(config.dataDir, file)));
    return 0;
  }
  const { runningServer } = await import('../../../libs/platform/src/module/bootstrap');
  const running = runningServer(config.dataDir);
  if (running) {
    console.error(`a server (pid ${running.pid}, port ${running.port}) is running on ${config.dataDir}: stop it before restoring into it`);
    return 3;
  }
  console.log(JSON.stringify(await restore(file, config.dataDir, values.force ?? false)));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'backup':
    case 'restore':
      return backupCommands(command, rest);
    case 'token':
      return token(rest);
    case 'projections:list':
    case 'projections:rebuild':
      return projections(command, rest);
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
