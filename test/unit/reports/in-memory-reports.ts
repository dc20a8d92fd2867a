/**
 * In-memory ports for the report and moderation use cases: one map of reports, the owner's
 * images and generations, the accounts' statuses, and every effect recorded for assertions.
 */
import type { AuditEntry } from '../../../lambdas/domain/moderation/audit';
import type { ModerationStore, ResolutionEffects } from '../../../lambdas/domain/moderation/ports';
import type { ReportedContent } from '../../../lambdas/domain/moderation/report-for-moderation';
import type { AccountStatus, Profile } from '../../../lambdas/domain/profile/profile';
import type { FileReportDeps } from '../../../lambdas/domain/reports/file-report';
import type { SafetyAlert } from '../../../lambdas/domain/reports/ports';
import type { LiveShare } from '../../../lambdas/domain/shares/find-live-share';
import type { Report } from '../../../lambdas/domain/reports/report';

export interface StoredImage {
  ownerId: string;
  imageId: string;
  generationId: string;
  objectKey: string;
  takenDownAt?: string;
}

export class InMemoryReports {
  readonly reports = new Map<string, Report>();
  readonly accounts = new Map<string, AccountStatus>();
  readonly images: StoredImage[] = [];
  readonly shares = new Map<string, LiveShare>();
  readonly alerts: SafetyAlert[] = [];
  readonly audit: AuditEntry[] = [];
  readonly effects: ResolutionEffects[] = [];

  account(userId: string) {
    const status = this.accounts.get(userId);
    return status ? { status } : undefined;
  }

  fileDeps(now = new Date('2026-12-03T12:00:00Z')): FileReportDeps {
    return {
      profiles: {
        store: {
          getProfile: async (userId) => {
            const status = this.accounts.get(userId);
            return status ? ({ userId, status } as Profile) : undefined;
          },
          createProfile: async (profile) => {
            this.accounts.set(profile.userId, 'ACTIVE');
            return true;
          },
        },
        starterCredits: 10,
        now: () => now,
      },
      targets: {
        image: async (userId, imageId) => {
          const image = this.images.find((i) => i.ownerId === userId && i.imageId === imageId);
          return { account: this.account(userId), item: image && { imageId, generationId: image.generationId } };
        },
        generation: async (userId, generationId) => {
          const images = this.images.filter((i) => i.ownerId === userId && i.generationId === generationId);
          return {
            account: this.account(userId),
            item: images.length ? { generationId, imageIds: images.map((i) => i.imageId) } : undefined,
          };
        },
        sharedImage: async (ownerId, imageId) => {
          const image = this.images.find((i) => i.ownerId === ownerId && i.imageId === imageId && !i.takenDownAt);
          return image && { imageId, generationId: image.generationId };
        },
      },
      shares: { findLiveShare: async (token) => this.shares.get(token) },
      reports: {
        file: async (report) => {
          if (report.reporterId && this.accounts.get(report.reporterId) !== 'ACTIVE') {
            const status = this.accounts.get(report.reporterId);
            return status ? { outcome: 'inactive', status } : { outcome: 'profile_missing' };
          }
          if (this.accounts.get(report.subject.ownerId) !== 'ACTIVE') return { outcome: 'owner_inactive' };
          const existing = this.reports.get(report.reportId);
          if (existing) return { outcome: 'exists', report: existing };
          this.reports.set(report.reportId, report);
          return { outcome: 'created', report };
        },
      },
      alerts: { publish: async (alert) => void this.alerts.push(alert) },
      now: () => now,
    };
  }

  moderationStore(): ModerationStore {
    const content = async (report: Report): Promise<ReportedContent | undefined> => {
      const images = this.images
        .filter((i) => i.ownerId === report.subject.ownerId && report.subject.imageIds.includes(i.imageId))
        .map((i) => ({
          imageId: i.imageId,
          objectKey: i.objectKey,
          createdAt: '2026-12-01T00:00:00Z',
          takenDownAt: i.takenDownAt,
        }));
      return images.length
        ? { generation: { prompt: 'a prompt', modelId: 'model', createdAt: '2026-12-01T00:00:00Z' }, images }
        : undefined;
    };
    return {
      listOpen: async () => ({
        account: undefined,
        items: [...this.reports.values()].filter((r) => r.state === 'OPEN'),
      }),
      get: async (moderatorId, reportId) => ({ account: this.account(moderatorId), item: this.reports.get(reportId) }),
      content,
      listAudit: async () => ({ account: undefined, items: [...this.audit].reverse() }),
      resolve: async (report, entry, effects) => {
        const stored = this.reports.get(report.reportId);
        if (stored?.state !== 'OPEN') return 'already_resolved';
        this.reports.set(report.reportId, {
          ...stored,
          state: 'RESOLVED',
          resolution: entry.action,
          resolvedAt: entry.at,
        });
        this.audit.push(entry);
        this.effects.push(effects);
        for (const imageId of effects.takeDown?.imageIds ?? []) {
          const image = this.images.find((i) => i.imageId === imageId);
          if (image) image.takenDownAt = entry.at;
        }
        if (effects.suspendOwner) this.accounts.set(report.subject.ownerId, 'DISABLED');
        return 'resolved';
      },
    };
  }
}
