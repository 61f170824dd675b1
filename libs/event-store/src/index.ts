export * from './event-store.port';
export { SqliteEventStore, SqliteCheckpointStore } from './sqlite-event-store';
export { EventStoreDbEventStore } from './eventstoredb-event-store';
export { PostgresEventStore } from './postgres-event-store';
