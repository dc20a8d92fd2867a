/** The operator's view of how saves and shares are used: daily totals per action type and model. */
import type { Clock } from '../shared/clock';
import { utcDay, type ActionCount } from './action-log';
import type { ActionCountsReader } from './ports';

export interface ReadActionCountsDeps {
  counts: ActionCountsReader;
  now: Clock;
}

/** The last `days` UTC days up to today, newest first; one Query per day. */
export async function readActionCounts(deps: ReadActionCountsDeps, days: number): Promise<ActionCount[]> {
  const today = deps.now();
  const dayList = Array.from({ length: days }, (_, back) => utcDay(new Date(today.getTime() - back * 86_400_000)));
  const perDay = await Promise.all(dayList.map((day) => deps.counts.day(day)));
  return perDay.flat();
}
