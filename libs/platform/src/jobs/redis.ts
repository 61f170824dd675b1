import IORedis from 'ioredis';

/** A Redis connection as BullMQ needs it (its blocking commands must not give up after a few retries). */
export function openBullmqConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null });
}
