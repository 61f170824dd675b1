/**
 * Architecture rules (STYLE.md): domain code imports no framework; Nest lives only in modules, controllers,
 * DTOs, services, consumers and processors. Run by `npm run depcruise` and by the test suite.
 */
const NEST_FILES = '(\\.module|\\.http|\\.dto|\\.service|\\.controller|\\.consumer|\\.processor|\\.query|\\.guard|\\.filter|\\.spec|\\.e2e\\.spec)\\.ts$';
/** The context libs; their domain is every file that is not an adapter, a read model, a view or a spec. */
const DOMAIN_FILES = '^libs/(hotline|petition|clue|supervision|reporting|directory)/src/';
const ADAPTER_FILES =
  '(\\.(module|http|dto|service|controller|consumer|processor|query|guard|filter|spec|fixtures|projection|view)\\.ts$|-view\\.ts$|/read-models/|/inbound/|/scheduler/|/export/|/reactions/clue-reactions|-export\\.ts$|/index\\.ts$)';
/** What a pure module must never reach, however indirectly. */
const FRAMEWORKS_AND_DRIVERS =
  '(^|/)node_modules/(@nestjs|express|better-sqlite3|pg|pg-[a-z-]+|kysely|ioredis|bullmq|@eventstore|kafkajs|pino|pino-http|prom-client|class-validator|class-transformer|exceljs|jsonwebtoken)/';
module.exports = {
  forbidden: [
    {
      name: 'kernel-reaches-no-framework-or-driver',
      comment: 'The domain kernel is pure: nothing reachable from it may be a framework, a driver or a server client.',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: FRAMEWORKS_AND_DRIVERS, reachable: true },
    },
    {
      name: 'kernel-imports-no-lib-of-ours',
      severity: 'error',
      from: { path: '^libs/kernel/' },
      to: { path: '^libs/(?!kernel/)' },
    },
    {
      name: 'domain-imports-no-framework',
      comment: 'Aggregates and decide functions stay pure: no @nestjs import outside the adapter files.',
      severity: 'error',
      from: { path: '^libs/(hotline|directory|petition|clue|supervision|reporting)/src/', pathNot: NEST_FILES },
      to: { path: '(^|/)node_modules/@nestjs/' },
    },
    {
      name: 'ports-import-no-framework',
      comment: 'The event store and projection libraries are framework-free ports and adapters.',
      severity: 'error',
      from: { path: '^libs/(event-store|projections)/src/' },
      to: { path: '(^|/)node_modules/@nestjs/' },
    },
    {
      name: 'domain-depends-only-on-kernel',
      comment: 'A context\'s domain (aggregates, deciders, slices\' decide files, rules, case kinds) imports only the kernel, the contracts and its own context.',
      severity: 'error',
      from: { path: DOMAIN_FILES, pathNot: ADAPTER_FILES },
      to: { path: '^libs/(platform|event-store|projections|integration)/' },
    },
    {
      name: 'domain-reaches-no-framework-or-driver',
      severity: 'error',
      from: { path: DOMAIN_FILES, pathNot: ADAPTER_FILES },
      to: { path: FRAMEWORKS_AND_DRIVERS, reachable: true },
    },
    {
      name: 'no-context-imports-another',
      comment:
        'Contexts learn of each other only through the event store and @qf/contracts (SPEC §11): no case or report context ' +
        'imports another. The units directory is the shared kernel every context scopes by, and may be imported.',
      severity: 'error',
      from: { path: '^libs/(hotline|petition|clue|supervision|reporting)/' },
      to: { path: '^libs/(hotline|petition|clue|supervision|reporting)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'infrastructure-imports-no-context',
      comment: 'Platform, integration, projections and the event store serve every context and know none of them.',
      severity: 'error',
      from: { path: '^libs/(platform|integration|projections|event-store)/' },
      to: { path: '^libs/(hotline|petition|clue|supervision|reporting|directory)/' },
    },
    {
      name: 'contracts-import-nothing-of-ours',
      comment: 'The published language stands alone: no framework, no driver, no other lib of ours.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '^(libs/(?!contracts/)|node_modules/)' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
