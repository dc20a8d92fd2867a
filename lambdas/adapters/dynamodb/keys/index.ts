/**
 * Every key Pictor writes is built here and nowhere else. Everything a user owns lives in the
 * user's partition (`USER#<id>`) or carries the user id in a GSI key, so account deletion and
 * export find it all with queries. See docs/data-model.md for the charts.
 *
 * Import it as a namespace (`import * as keys from './keys'`): each key is its own export, so a
 * bundle carries only the keys its route builds.
 */
export * from './base';
export * from './account';
export * from './conversations';
export * from './outbox';
export * from './library';
export * from './shares';
export * from './billing';
export * from './moderation';
export * from './limits';
export * from './telegram';
export * from './telegram-link';
export * from './export';
