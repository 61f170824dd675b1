export * from './directory';
export * from './directory-view';
export type { DirectoryCommand } from './directory.decide';
export type { PutUnit } from './put-unit/put-unit';
export type { RetireUnit } from './retire-unit/retire-unit';
export type { SeedDirectory } from './seed-directory/seed-directory';
export * from './directory.service';
export * from './directory.module';
export * from './read-scope';
