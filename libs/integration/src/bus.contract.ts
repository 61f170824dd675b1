import type { OutboundMessage, Topic } from '@qf/contracts';
import type { DeliveredMessage, MessageBus } from './bus.port';

/**
 * The contract every message bus passes (`bus.port.ts`): the in-process bus always, Kafka whenever `KAFKA_BROKERS`
 * is set. `open()` gives a bus on the same store as every earlier `open()` of the suite (a restart).
 */
export function busContract(name: string, open: () => Promise<MessageBus>, timeoutMs = 15_000): void {
  describe(`message bus contract: ${name}`, () => {
    const buses: MessageBus[] = [];
    const fresh = async () => {
      const bus = await open();
      buses.push(bus);
      return bus;
    };
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((b) => b.close()));
    });
    const run = Math.random().toString(36).slice(2, 8);
    let n = 0;
    const topic = () => `qf.contract.${run}.${++n}` as Topic;
    const messages = (t: Topic, count: number, tag = 'm'): OutboundMessage[] =>
      Array.from({ length: count }, (_, i) => ({ topic: t, key: `K-${i % 3}`, value: { n: i, tag, text: '办结反馈 ✓' }, headers: { 'x-message-id': `${t}/${tag}/${i}`, 'x-seq': String(i) } }));
    /** Collects what a group receives until `count` messages have arrived (or the time runs out). */
    const collect = async (bus: MessageBus, t: string, group: string, count: number, handler?: (m: DeliveredMessage, got: DeliveredMessage[]) => Promise<void>) => {
      const got: DeliveredMessage[] = [];
      let done!: () => void;
      const arrived = new Promise<void>((resolve) => (done = resolve));
      const timer = setTimeout(done, timeoutMs);
      const sub = await bus.subscribe(t, group, async (m) => {
        if (handler) await handler(m, got);
        got.push(m);
        if (got.length >= count) done();
      });
      await arrived;
      clearTimeout(timer);
      await sub.stop();
      return got;
    };

    it('records how far a publisher got, atomically with the batch, and keeps it across a restart', async () => {
      const bus = await fresh();
      const before = await bus.published();
      const t = topic();
      const upTo = (before ?? 0n) + 7n;
      await bus.publish(messages(t, 3), upTo);
      expect(await bus.published()).toBe(upTo);
      const again = await fresh();
      expect(await again.published()).toBe(upTo);
    }, timeoutMs * 2);

    it('delivers every message of a topic to a group in order, with key, value and headers as published', async () => {
      const bus = await fresh();
      const t = topic();
      const other = topic();
      const sent = messages(t, 6);
      await bus.publish([...sent.slice(0, 3), ...messages(other, 2, 'other'), ...sent.slice(3)], ((await bus.published()) ?? 0n) + 1n);
      const got = await collect(bus, t, `g-${run}-order`, 6);
      expect(got.map((m) => ({ topic: m.topic, key: m.key, value: m.value, seq: m.headers['x-seq'], id: m.headers['x-message-id'] }))).toEqual(
        sent.map((m) => ({ topic: t, key: m.key, value: m.value, seq: m.headers['x-seq'], id: m.headers['x-message-id'] })),
      );
    }, timeoutMs * 2);

    it('gives each group all the messages', async () => {
      const bus = await fresh();
      const t = topic();
      await bus.publish(messages(t, 4), ((await bus.published()) ?? 0n) + 1n);
      const a = await collect(bus, t, `g-${run}-a`, 4);
      const b = await collect(bus, t, `g-${run}-b`, 4);
      expect(a.map((m) => m.headers['x-seq'])).toEqual(['0', '1', '2', '3']);
      expect(b.map((m) => m.headers['x-seq'])).toEqual(['0', '1', '2', '3']);
    }, timeoutMs * 3);

    it('resumes a group after the last message its handler finished, on a new bus', async () => {
      const bus = await fresh();
      const t = topic();
      await bus.publish(messages(t, 5), ((await bus.published()) ?? 0n) + 1n);
      const first = await collect(bus, t, `g-${run}-resume`, 2);
      expect(first.map((m) => m.headers['x-seq'])).toEqual(['0', '1']);
      const later = await fresh();
      const rest = await collect(later, t, `g-${run}-resume`, 3);
      expect(rest.map((m) => m.headers['x-seq'])).toEqual(['2', '3', '4']);
    }, timeoutMs * 3);

    it('delivers a message again when the handler throws, and skips nothing', async () => {
      const bus = await fresh();
      const t = topic();
      await bus.publish(messages(t, 3), ((await bus.published()) ?? 0n) + 1n);
      let failures = 0;
      const got = await collect(bus, t, `g-${run}-retry`, 3, async (m) => {
        if (m.headers['x-seq'] === '1' && failures === 0) {
          failures++;
          throw new Error('handler failed once');
        }
      });
      expect(failures).toBe(1);
      expect(got.map((m) => m.headers['x-seq'])).toEqual(['0', '1', '2']);
    }, timeoutMs * 3);
  });
}
