import type { EventEmitter } from 'node:events';
import type { ReadAllOptions, StoredEvent, SubscribeOptions, Subscription } from './event-store.port';

/** What a catch-up subscription needs from a store that keeps its global log in a database it can poll. */
export interface CatchUpSource {
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /** Emits `appended` whenever new events may be readable (this process's appends, a LISTEN notification). */
  readonly appended: EventEmitter;
  /** The longest a caught-up subscriber waits for appends nobody told it about (another process's). */
  readonly pollMs: number;
  /** Runs before the first read and after every wait, e.g. to (re)connect a LISTEN; a failure is left to the poll. */
  beforeRead?: () => Promise<void>;
}

/**
 * `subscribeToAll` for the SQLite and PostgreSQL stores: replays from `after`, then reads again on each `appended`
 * signal or poll. A signal that comes while a batch is being read is not lost. The subscription stays in `live`
 * until stopped, so the store's close() can stop it.
 */
export function catchUpSubscription(source: CatchUpSource, { after, handler, maxBatchSize = 500, onError }: SubscribeOptions, live: Set<Subscription>): Subscription {
  let position = after;
  let stopped = false;
  let pending = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    pending = true;
    wake?.();
  };
  const prepare = () => source.beforeRead?.().catch(() => undefined);
  source.appended.on('appended', notify);
  const running = (async () => {
    await prepare();
    while (!stopped) {
      pending = false;
      const batch = await source.readAll({ after: position, limit: maxBatchSize });
      if (batch.length > 0) {
        await handler(batch);
        position = batch[batch.length - 1].position;
        // Catching up, batch after batch: on SQLite every read and write resolves at once, so without a turn of the
        // event loop here the server would answer no request (not even readiness) until the whole log was read.
        if (batch.length >= maxBatchSize) await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (pending) continue;
      if (stopped) break; // stop() came while reading: nobody would wake the wait below
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, source.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
      if (!stopped) await prepare();
    }
  })().catch((error) => {
    stopped = true;
    onError?.(error);
  });
  const subscription: Subscription = {
    stop: async () => {
      stopped = true;
      wake?.();
      source.appended.off('appended', notify);
      await running;
      live.delete(subscription);
    },
  };
  live.add(subscription);
  return subscription;
}
