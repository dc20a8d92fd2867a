/** Filing reports with in-memory ports: who may report what, once, and which reasons page the alarm topic. */
import { fileReport, fileShareReport } from '../../../lambdas/domain/reports/file-report';
import { reportIdFor, reportReasons, severityRank } from '../../../lambdas/domain/reports/report';
import { InMemoryReports } from './in-memory-reports';

const ann = 'ann-0000-0000';
const bea = 'bea-0000-0000';

function world() {
  const memory = new InMemoryReports();
  memory.accounts.set(ann, 'ACTIVE');
  memory.accounts.set(bea, 'ACTIVE');
  memory.images.push({
    ownerId: ann,
    imageId: 'annImage000001',
    generationId: 'annGeneration1',
    objectKey: 'users/ann/a.png',
  });
  memory.shares.set('shareToken00000000000001', { ownerId: ann, imageId: 'annImage000001', linkId: 'annLink0000001' });
  return memory;
}

describe('fileReport', () => {
  it('files a report about the caller’s own image once: a repeat answers it and stores nothing', async () => {
    const memory = world();
    const first = await fileReport(memory.fileDeps(), ann, {
      target: { imageId: 'annImage000001' },
      reason: 'violence',
    });
    const again = await fileReport(memory.fileDeps(), ann, {
      target: { imageId: 'annImage000001' },
      reason: 'violence',
    });

    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, report: first.report });
    expect(memory.reports.size).toBe(1);
  });

  it('answers not found for another person’s image or generation, and stores nothing', async () => {
    const memory = world();
    await expect(
      fileReport(memory.fileDeps(), bea, { target: { imageId: 'annImage000001' }, reason: 'hate' }),
    ).rejects.toThrow('No such report target.');
    await expect(
      fileReport(memory.fileDeps(), bea, { target: { generationId: 'annGeneration1' }, reason: 'hate' }),
    ).rejects.toThrow('No such report target.');
    expect(memory.reports.size).toBe(0);
  });

  it('refuses a disabled reporter with account_disabled', async () => {
    const memory = world();
    memory.accounts.set(ann, 'DISABLED');
    await expect(
      fileReport(memory.fileDeps(), ann, { target: { imageId: 'annImage000001' }, reason: 'other' }),
    ).rejects.toMatchObject({ code: 'account_disabled' });
  });

  it('files a report through a live share about the owner’s image, and not found for a dead one', async () => {
    const memory = world();
    const filed = await fileReport(memory.fileDeps(), bea, {
      target: { shareToken: 'shareToken00000000000001' },
      reason: 'harassment',
    });
    expect(filed.report.target).toEqual({ shareLinkId: 'annLink0000001' });
    expect([...memory.reports.values()][0]).toMatchObject({ reporterId: bea, subject: { ownerId: ann, via: 'share' } });
    await expect(
      fileReport(memory.fileDeps(), bea, { target: { shareToken: 'revokedToken000000000001' }, reason: 'harassment' }),
    ).rejects.toThrow('No such report target.');
  });

  it('creates the profile of a reporter who never read it (their first write), then files the report', async () => {
    const memory = world();
    const newcomer = 'newcomer0000001';
    const filed = await fileReport(memory.fileDeps(), newcomer, {
      target: { shareToken: 'shareToken00000000000001' },
      reason: 'hate',
    });
    expect(filed.created).toBe(true);
    expect(memory.accounts.get(newcomer)).toBe('ACTIVE');
    expect([...memory.reports.values()].map((report) => report.reporterId)).toEqual([newcomer]);
  });

  it.each(['minor_safety', 'underage_user'] as const)(
    'pages the alarm topic for a new %s report, once',
    async (reason) => {
      const memory = world();
      const filed = await fileReport(memory.fileDeps(), ann, { target: { imageId: 'annImage000001' }, reason });
      await fileReport(memory.fileDeps(), ann, { target: { imageId: 'annImage000001' }, reason });
      expect(memory.alerts).toEqual([{ reportId: filed.report.id, reason, createdAt: '2026-12-03T12:00:00.000Z' }]);
    },
  );

  it.each(['sexual', 'violence', 'hate', 'harassment', 'copyright', 'other'] as const)(
    'does not page for %s',
    async (reason) => {
      const memory = world();
      await fileReport(memory.fileDeps(), ann, { target: { imageId: 'annImage000001' }, reason });
      expect(memory.alerts).toEqual([]);
    },
  );
});

describe('fileShareReport (signed out)', () => {
  it('is one anonymous report per link and reason, with no identity on it', async () => {
    const memory = world();
    const first = await fileShareReport(memory.fileDeps(), 'shareToken00000000000001', { reason: 'sexual' });
    const second = await fileShareReport(memory.fileDeps(), 'shareToken00000000000001', { reason: 'sexual' });
    await fileShareReport(memory.fileDeps(), 'shareToken00000000000001', { reason: 'hate' });

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(memory.reports.size).toBe(2);
    for (const report of memory.reports.values()) expect(report.reporterId).toBeUndefined();
  });

  it('answers not found for a token that is not live, writing nothing', async () => {
    const memory = world();
    await expect(fileShareReport(memory.fileDeps(), 'unknownToken000000000001', { reason: 'other' })).rejects.toThrow(
      'No such report target.',
    );
    expect(memory.reports.size).toBe(0);
  });
});

describe('report ids and severity', () => {
  it('name the same report for the same reporter and target, and different ones otherwise', () => {
    const subject = { ownerId: ann, generationId: 'g', imageIds: ['i'], via: 'image' as const };
    const annsReport = reportIdFor({ kind: 'user', userId: ann }, subject, 'other');
    expect(reportIdFor({ kind: 'user', userId: ann }, subject, 'hate')).toBe(annsReport);
    expect(reportIdFor({ kind: 'user', userId: bea }, subject, 'other')).not.toBe(annsReport);
    expect(annsReport).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('rank the reasons most severe first, sortable as text', () => {
    const ranks = reportReasons.map(severityRank);
    expect(ranks).toEqual([...ranks].sort());
    expect(severityRank('minor_safety') < severityRank('other')).toBe(true);
  });
});
