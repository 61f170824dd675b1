/**
 * Architecture rules (STYLE.md): domain code imports no framework; Nest lives only in modules, controllers,
 * DTOs, services, consumers and processors. Run by `npm run depcruise` and by the test suite.
 */
const NEST_FILES = '(\\.module|\\.http|\\.dto|\\.service|\\.controller|\\.consumer|\\.processor|\\.query|\\.guard|\\.filter|\\.spec|\\.e2e\\.spec)\\.ts$';
module.exports = {
  forbidden: [
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
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
