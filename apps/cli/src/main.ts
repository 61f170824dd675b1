import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, Role, loadConfig, openEventStore, openReadModels, signToken } from '@qf/platform';
import { runRebuildCommand } from '@qf/projections';
import { workOrdersProjection } from '@qf/hotline';
import { petitionsProjection } from '@qf/petition';
import { auditProjection, cluesProjection } from '@qf/clue';
import { sanctionsProjection } from '@qf/reporting';

/** Every projection of the system, by name (the rebuild command takes names from here). */
const PROJECTIONS = [workOrdersProjection, petitionsProjection, cluesProjection, auditProjection, sanctionsProjection];

const USAGE = `usage:
  npm run cli -- projections:rebuild [name ...]   rebuild read models from the events (all when no name)
  npm run cli -- projections:list                 list the projections
  npm run cli -- token --sub ID --roles r1,r2 [--unit UNIT] [--name NAME] [--ttl 12h]
                                                  print a JWT signed with this deployment's JWT_SECRET, valid
                                                  for --ttl (seconds, or a number with s, m, h or d; default 12h)
roles: ${ROLES.join(', ')}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'projections:list':
      for (const p of PROJECTIONS) console.log(`${p.name}\tversion ${p.version}`);
      return 0;
    case 'projections:rebuild': {
      const unknown = rest.filter((n) => !PROJECTIONS.some((p) => p.name === n));
      if (unknown.length) {
        console.error(`unknown projection(s): ${unknown.join(', ')}`);
        return 2;
      }
      const store = await openEventStore(config);
      const readModels = await openReadModels(config);
      try {
        const summary = await runRebuildCommand(store, readModels, PROJECTIONS, rest.length ? rest : undefined);
        console.log(JSON.stringify(summary));
      } finally {
        await store.close();
        await readModels.close();
      }
      return 0;
    }
    case 'token': {
      const { values } = parseArgs({
        args: rest,
        options: { sub: { type: 'string' }, roles: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string' }, expires: { type: 'string' } },
      });
      // SPEC §1: every token expires. `--expires` is the old name of `--ttl`.
      const ttl = values.ttl ?? values.expires ?? '12h';
      const ttlMatch = /^([1-9]\d{0,6})([smhd]?)$/.exec(ttl);
      if (!ttlMatch) {
        console.error(`--ttl must be a positive number of seconds, or a number followed by s, m, h or d (got "${ttl}")`);
        return 2;
      }
      const seconds = Number(ttlMatch[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[ttlMatch[2] as '' | 's' | 'm' | 'h' | 'd'];
      const roles = (values.roles ?? '').split(',').filter(Boolean);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (!values.sub || roles.length === 0 || bad.length) {
        console.error(bad.length ? `unknown role(s): ${bad.join(', ')}` : USAGE);
        return 2;
      }
      const token = signToken(
        { sub: values.sub, name: values.name, roles: roles as Role[], unitId: values.unit ?? null },
        config.jwtSecret,
        seconds,
      );
      console.log(token);
      return 0;
    }
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
