import { SingleBar, Presets } from 'cli-progress';
import type { EventStore } from '@qf/event-store';
import type { Projection } from './projection';
import type { ReadModelDb } from './read-model-db';
import { ProjectionRunner } from './projection-runner';

/** `npm run cli -- projections:rebuild [name …]`: a rebuild with a progress bar on stderr. */
export async function runRebuildCommand(store: EventStore, readModels: ReadModelDb, projections: Projection[], names?: string[]) {
  const bar = new SingleBar({ format: 'rebuild [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left', stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  const runner = new ProjectionRunner(store, readModels, projections);
  let started = false;
  try {
    const summary = await runner.rebuild(names, (done, total) => {
      if (!started) {
        bar.start(Math.max(total ?? 0, 1), 0);
        started = true;
      }
      bar.update(Math.min(done, total ?? done));
    });
    bar.update(bar.getTotal());
    return { projections: (names ?? projections.map((p) => p.name)), events: summary.events, seconds: summary.ms / 1000, eventsPerSecond: Math.round(summary.events / Math.max(summary.ms / 1000, 0.001)) };
  } finally {
    if (started) bar.stop();
    await runner.stop();
  }
}
