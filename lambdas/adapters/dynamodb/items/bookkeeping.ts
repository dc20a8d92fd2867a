/** What every mapper shares: the item shape and the table bookkeeping it strips or sets. Internal to items/. */

export type Item = Record<string, unknown>;

/** Drops table bookkeeping (keys, entityType, ttl) so it never leaks into the domain. */
export function withoutBookkeeping(item: Item): Item {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entityType: _entityType, ttl: _ttl, ...rest } = item;
  return rest;
}

/** Epoch seconds of an ISO time plus `days`. */
export const epochSecondsAfterDays = (iso: string, days: number): number =>
  Math.floor(Date.parse(iso) / 1000) + days * 24 * 60 * 60;
