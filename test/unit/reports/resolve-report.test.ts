/** Resolving reports with in-memory ports: what each action does first, what it writes, and who may not act. */
import { resolveReport, type ResolveReportDeps } from '../../../lambdas/domain/moderation/resolve-report';
import type { Report } from '../../../lambdas/domain/reports/report';
import { InMemoryReports } from './in-memory-reports';

const ann = 'ann-0000-0000';
const mod = 'mod-0000-0000';

function world(reason: Report['reason'] = 'violence') {
  const memory = new InMemoryReports();
  memory.accounts.set(ann, 'ACTIVE');
  memory.images.push({
    ownerId: ann,
    imageId: 'annImage000001',
    generationId: 'annGeneration1',
    objectKey: 'users/ann/a.png',
  });
  memory.reports.set('report00000001', {
    reportId: 'report00000001',
    reporterId: ann,
    subject: { ownerId: ann, generationId: 'annGeneration1', imageIds: ['annImage000001'], via: 'image' },
    reason,
    state: 'OPEN',
    createdAt: '2026-12-01T00:00:00Z',
  });
  const queued: string[][] = [];
  const disabled: string[] = [];
  const deletions: string[] = [];
  const deps: ResolveReportDeps = {
    moderation: memory.moderationStore(),
    cleanup: { enqueue: async (job) => void queued.push(job.keys ?? []) },
    signIn: {
      disableAndSignOut: async (userId) => {
        disabled.push(userId);
        return 'done';
      },
    },
    startAccountDeletion: async (userId) => void deletions.push(userId),
    newId: () => 'audit000000001',
    now: () => new Date('2026-12-03T12:00:00Z'),
  };
  return { memory, deps, queued, disabled, deletions };
}

describe('resolveReport', () => {
  it('take_down queues the object’s removal before marking the image and resolving, with one audit entry', async () => {
    const { memory, deps, queued } = world();
    const view = await resolveReport(deps, mod, 'report00000001', 'take_down');

    expect(view).toMatchObject({ state: 'resolved', resolution: 'take_down', auditEntryId: 'audit000000001' });
    expect(queued).toEqual([['users/ann/a.png']]);
    expect(memory.images[0].takenDownAt).toBe('2026-12-03T12:00:00.000Z');
    expect(memory.effects).toEqual([{ takeDown: { imageIds: ['annImage000001'], reason: 'violence' } }]);
    expect(memory.audit).toEqual([
      {
        entryId: 'audit000000001',
        at: '2026-12-03T12:00:00.000Z',
        moderatorId: mod,
        action: 'take_down',
        reportId: 'report00000001',
        reason: 'violence',
        target: { via: 'image', generationId: 'annGeneration1', imageIds: ['annImage000001'] },
      },
    ]);
  });

  it('suspend_account disables sign-in and the profile', async () => {
    const { memory, deps, disabled } = world();
    await resolveReport(deps, mod, 'report00000001', 'suspend_account');
    expect(disabled).toEqual([ann]);
    expect(memory.accounts.get(ann)).toBe('DISABLED');
  });

  it('delete_account starts the deletion workflow for underage_user, and is refused otherwise', async () => {
    const underage = world('underage_user');
    await resolveReport(underage.deps, mod, 'report00000001', 'delete_account');
    expect(underage.deletions).toEqual([ann]);

    const other = world('sexual');
    await expect(resolveReport(other.deps, mod, 'report00000001', 'delete_account')).rejects.toMatchObject({
      code: 'action_not_allowed',
    });
    expect(other.deletions).toEqual([]);
    expect(other.memory.audit).toEqual([]);
  });

  it('refuses a moderator acting on their own content with own_content, doing nothing', async () => {
    const { memory, deps, queued } = world();
    await expect(resolveReport(deps, ann, 'report00000001', 'take_down')).rejects.toMatchObject({
      code: 'own_content',
    });
    expect(queued).toEqual([]);
    expect(memory.audit).toEqual([]);
    expect(memory.reports.get('report00000001')?.state).toBe('OPEN');
  });

  it('refuses a second decision with report_resolved, and an unknown report with not found', async () => {
    const { deps } = world();
    await resolveReport(deps, mod, 'report00000001', 'dismiss');
    await expect(resolveReport(deps, mod, 'report00000001', 'dismiss')).rejects.toMatchObject({
      code: 'report_resolved',
    });
    await expect(resolveReport(deps, mod, 'noSuchReport01', 'dismiss')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a moderator whose own account is disabled', async () => {
    const { memory, deps } = world();
    memory.accounts.set(mod, 'DISABLED');
    await expect(resolveReport(deps, mod, 'report00000001', 'dismiss')).rejects.toMatchObject({
      code: 'account_disabled',
    });
  });
});
