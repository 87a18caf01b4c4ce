export * from './entities.js';
export * from './entity-registry.js';
export * from './field.js';
