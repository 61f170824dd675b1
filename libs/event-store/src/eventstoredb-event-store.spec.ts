import { eventStoreContract } from './event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The EventStoreDB adapter runs the same contract as SQLite whenever EVENTSTORE_URL points at a real server
 * (`infra/docker-compose.yml` brings one up). Without it this file has nothing to check: no fake server stands in.
 */
const url = /^(esdb|kurrent)/.test(process.env.EVENTSTORE_URL ?? '') ? process.env.EVENTSTORE_URL : undefined;

if (url) {
  eventStoreContract('EventStoreDB', async () => new EventStoreDbEventStore(url));
} else {
  describe.skip('EventStore contract: EventStoreDB (set EVENTSTORE_URL=esdb://… to run)', () => {
    it('runs against a real server', () => undefined);
  });
}
