import type { BusMessage, OutboundMessage } from '@qf/contracts';

/** A message as a subscriber receives it. */
export type DeliveredMessage = BusMessage & { topic: string };

export interface BusSubscription {
  stop(): Promise<void>;
}

/**
 * The message bus of SPEC §9, behind which sit the in-process bus (the outbox table, on the embedded default) and
 * Kafka. Both pass `bus.contract.ts`:
 * - `publish(messages, upTo)` publishes in order and records, atomically with them, how far the publisher got in
 *   its own source (`upTo`, an outbox position), which `published()` answers — also after a restart, so a relay that
 *   crashed resumes exactly after the last batch it published, and never publishes one twice;
 * - every subscriber group gets every message of a topic, in order per key, with key, value and headers as published;
 * - a group's position is durable: a subscriber that stops and starts again resumes after the last message its
 *   handler finished; a handler that throws gets the same message again (at least once — handlers are idempotent).
 */
export interface MessageBus {
  readonly name: string;
  publish(messages: OutboundMessage[], upTo: bigint): Promise<void>;
  published(): Promise<bigint | null>;
  subscribe(topic: string, group: string, handler: (message: DeliveredMessage) => Promise<void>): Promise<BusSubscription>;
  close(): Promise<void>;
}
