/**
 * Domain objects to table items and back, for every entity Pictor stores: every mapping between
 * a record and an item is here, and nowhere else. Keys come from ../keys/; `entityType` names the
 * kind on every item (docs/data-model.md), spelled once in `entityTypes`. Import it as a
 * namespace (`import * as items from './items'`) so a bundle carries only the mappers its route uses.
 */
export { entityTypes } from './entity-types';
export * from './account';
export * from './conversations';
export * from './deletion';
export * from './library';
export * from './shares';
export * from './billing';
export * from './moderation';
export * from './telegram';
export * from './export';
export * from './data-export';
