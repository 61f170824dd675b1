export * from './topics';
export * from './messages';
export * from './events';
export * from './case-kinds';
