export * from './read-model-db';
export * from './projection';
export * from './projection-runner';
export * from './rebuild-command';
export * from './checkpoint-store';
