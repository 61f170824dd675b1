import { eventStoreContract } from './event-store.contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The EventStoreDB adapter runs the same contract as SQLite whenever EVENTSTORE_URL points at a real server
 * (`infra/docker-compose.yml` brings one up). Without it this file has nothing to check: no fake server stands in.
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('EventStoreDB', async () => new EventStoreDbEventStore(url));
} else {
  describe.skip('EventStore contract: EventStoreDB (set EVENTSTORE_URL to run)', () => {
    it('runs against a real server', () => undefined);
  });
}
