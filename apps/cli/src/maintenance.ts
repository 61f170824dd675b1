/**
 * The application's registrations without its background work (`QF_BACKGROUND=off`: no runner, scheduler or
 * reaction starts), on the stores the environment names — what `projections:list` and `projections:rebuild` work on.
 * Loaded lazily, so `token` stays fast.
 */
export async function openMaintenance() {
  process.env.QF_BACKGROUND = 'off';
  require('reflect-metadata');
  const { NestFactory } = await import('@nestjs/core');
  const platform = await import('@qf/platform');
  const { runRebuildCommand } = await import('@qf/projections');
  const { StandaloneModule } = await import('../../standalone/src/app.module');
  const app = await NestFactory.createApplicationContext(StandaloneModule, { logger: false });
  const registered = app.get(platform.ProjectionsService).all();
  return {
    registered,
    /** Every registered read model (or the named ones) rebuilt from the events. */
    rebuild: (names?: string[]) => runRebuildCommand(app.get(platform.EVENT_STORE), app.get(platform.READ_MODEL_DB), registered, names),
    close: () => app.close(),
  };
}
