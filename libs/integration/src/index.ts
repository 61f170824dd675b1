export * from './bus.port';
export * from './in-process-bus';
export * from './kafka-bus';
export * from './outbox';
export * from './outbox-relay';
export * from './personal-data';
export * from './outbox.http';
export * from './integration.module';
