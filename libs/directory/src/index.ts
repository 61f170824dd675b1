export * from './directory';
export * from './directory.service';
export * from './directory.module';
export { UNIT_ID_PATTERN } from './units.http';
export * from './read-scope';
