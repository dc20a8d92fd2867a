/** The operator's `npm run stats -- actions` command: its arguments and the table it prints. */
import { formatCounts, parseStatsArgs, runStats } from '../../../bin/stats-command';
import { MemoryImageLibrary } from '../../fixtures/memory-image-library';

describe('parseStatsArgs', () => {
  it('reads the last 7 days of the local table by default', () => {
    expect(parseStatsArgs(['actions'])).toEqual({ report: 'actions', days: 7 });
  });

  it('takes the number of days and a stage table', () => {
    expect(parseStatsArgs(['actions', '--days', '30', '--table', 'Pictor-prod-Table'])).toEqual({
      report: 'actions',
      days: 30,
      table: 'Pictor-prod-Table',
    });
  });

  it.each([
    [[], /Unknown report/],
    [['users'], /Unknown report/],
    [['actions', '--days'], /--days needs a value/],
    [['actions', '--days', '0'], /from 1 to 730/],
    [['actions', '--days', '2.5'], /from 1 to 730/],
    [['actions', '--days', '731'], /from 1 to 730/],
    [['actions', '--since', '2026-01-01'], /Unknown option --since/],
  ])('refuses %j', (args, message) => {
    expect(parseStatsArgs(args)).toEqual({ error: expect.stringMatching(message) });
  });
});

describe('formatCounts', () => {
  it('prints a row per day, type and model with the total', () => {
    const text = formatCounts(
      [
        { day: '2026-12-01', type: 'save', modelId: 'stable-image-core', count: 12 },
        { day: '2026-12-01', type: 'share', modelId: 'sd3-5-large', count: 3 },
      ],
      7,
    );

    expect(text.split('\n')).toEqual([
      'day         type   model              count',
      '2026-12-01  save   stable-image-core     12',
      '2026-12-01  share  sd3-5-large            3',
      '15 action(s) in the last 7 day(s).',
      '',
    ]);
  });

  it('says so when nothing was recorded', () => {
    expect(formatCounts([], 3)).toBe('No saves or shares recorded in the last 3 day(s).\n');
  });
});

describe('runStats', () => {
  it('reads one day per requested day, today first, and prints their totals', async () => {
    const counts = new MemoryImageLibrary();
    counts.counters.set('2026-12-01#save#m#0', 2);
    counts.counters.set('2026-12-01#save#m#5', 1);
    counts.counters.set('2026-11-30#share#m#2', 4);
    counts.counters.set('2026-11-29#share#m#2', 9);

    const text = await runStats(
      { counts, now: () => new Date('2026-12-01T08:00:00.000Z') },
      { report: 'actions', days: 2 },
    );

    expect(text).toContain('2026-12-01  save   m          3');
    expect(text).toContain('2026-11-30  share  m          4');
    expect(text).not.toContain('2026-11-29');
    expect(text).toContain('7 action(s) in the last 2 day(s).');
  });
});
