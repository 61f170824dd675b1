import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import type { OutboundMessage } from '@qf/contracts';
import type { BusSubscription, DeliveredMessage, MessageBus } from './bus.port';

/** Where the relay records how far it has published, in the same Kafka transaction as the messages themselves. */
export const RELAY_CHECKPOINT_TOPIC = 'qingfeng.outbox.relay';

const headersOf = (raw: Record<string, unknown> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]));

/**
 * Kafka behind the bus port (kafkajs), kept thin. Publishing is transactional: the batch and the relay's checkpoint
 * record commit together or not at all, so `published()` — read back with read_committed — is exactly what
 * consumers can see, and a relay restarted after a crash publishes nothing twice. The fixed transactional id also
 * fences a second relay: a new producer under the same id aborts the old one's open transaction, which is how the
 * relay stays single-active. Verified only where a broker runs (`KAFKA_BROKERS`, the bus contract suite).
 */
export class KafkaBus implements MessageBus {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers = new Set<Consumer>();

  constructor(
    brokers: string[],
    private readonly relayName = 'qingfeng-outbox-relay',
    clientId = 'qingfeng',
  ) {
    this.kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
  }

  private async transactionalProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, transactionalId: this.relayName, maxInFlightRequests: 1 });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  async publish(messages: OutboundMessage[], upTo: bigint): Promise<void> {
    const producer = await this.transactionalProducer();
    let tx;
    try {
      tx = await producer.transaction();
    } catch (error) {
      await this.dropProducer();
      throw error;
    }
    try {
      // Consecutive messages of one topic go together; the order within a key is kept.
      for (let i = 0; i < messages.length; ) {
        let j = i;
        while (j < messages.length && messages[j].topic === messages[i].topic) j++;
        await tx.send({
          topic: messages[i].topic,
          messages: messages.slice(i, j).map((m) => ({ key: m.key, value: JSON.stringify(m.value), headers: m.headers })),
        });
        i = j;
      }
      await tx.send({ topic: RELAY_CHECKPOINT_TOPIC, messages: [{ key: this.relayName, value: upTo.toString() }] });
      await tx.commit();
    } catch (error) {
      await tx.abort().catch(() => undefined);
      // Fenced or broken: the next call starts a new producer (fencing in turn) and the relay reloads `published()`.
      await this.dropProducer();
      throw error;
    }
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  /** The last committed checkpoint record of this relay (read_committed, from the start of the compacted topic). */
  async published(): Promise<bigint | null> {
    // Start (and so fence) this relay's producer first: no other relay can commit after this read.
    await this.transactionalProducer();
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: Array<{ partition: number; high: string }>;
    try {
      const topics = await admin.listTopics();
      if (!topics.includes(RELAY_CHECKPOINT_TOPIC)) return null;
      ends = (await admin.fetchTopicOffsets(RELAY_CHECKPOINT_TOPIC)).filter((o) => Number(o.high) > 0);
    } finally {
      await admin.disconnect();
    }
    if (ends.length === 0) return null;
    const consumer = this.kafka.consumer({ groupId: `${this.relayName}-checkpoint-${process.pid}-${Date.now()}`, readUncommitted: false });
    await consumer.connect();
    let last: bigint | null = null;
    try {
      await consumer.subscribe({ topic: RELAY_CHECKPOINT_TOPIC, fromBeginning: true });
      const remaining = new Map(ends.map((o) => [o.partition, BigInt(o.high) - 1n]));
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (message.key?.toString() === this.relayName && message.value) last = BigInt(message.value.toString());
              // Transaction markers take offsets too: done once the partition's end is reached.
              if (BigInt(message.offset) >= (remaining.get(partition) ?? -1n) - 1n) remaining.delete(partition);
              if (remaining.size === 0) resolve();
            },
          })
          .catch(reject);
        setTimeout(resolve, 10_000).unref();
      });
    } finally {
      await consumer.disconnect();
    }
    return last;
  }

  async subscribe(topic: string, group: string, handler: (message: DeliveredMessage) => Promise<void>): Promise<BusSubscription> {
    const consumer = this.kafka.consumer({ groupId: group, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // A throwing handler leaves its offset uncommitted: kafkajs delivers the same message again after a back-off.
    await consumer.run({
      autoCommit: true,
      eachMessage: async ({ topic: t, message }) => {
        await handler({ topic: t, key: message.key?.toString() ?? null, value: message.value ? JSON.parse(message.value.toString()) : null, headers: headersOf(message.headers) });
      },
    });
    this.consumers.add(consumer);
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}
