/**
 * The bodies the report and moderation routes accept. Apart from the domain code, so a bundle
 * that only shows reports carries no schema (docs/adding-a-feature.md, section 2).
 */
import * as v from 'valibot';
import { boundedString, plainObject } from '../../shared/validation';
import { multiLineText, resourceId } from '../shared/text';
import { reportReasons } from './report';

/** Room for what happened in a few sentences; a report is not a conversation. */
export const maxReportDetailsLength = 1000;

/** A share token as issued (base64url of at least 128 bits); never logged, never stored. */
const shareToken = v.pipe(boundedString(64), v.regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be a share token Pictor issued'));

const reason = v.picklist(reportReasons, `must be one of ${reportReasons.join(', ')}`);
const details = v.optional(multiLineText(maxReportDetailsLength));

/** Exactly one of the three ways to name what is reported. */
const target = v.pipe(
  v.strictObject({
    imageId: v.optional(resourceId),
    generationId: v.optional(resourceId),
    shareToken: v.optional(shareToken),
  }),
  v.check(
    (named) => Object.values(named).filter((value) => value !== undefined).length === 1,
    'must name exactly one of imageId, generationId or shareToken',
  ),
);

/** What the use case receives: the one way the target was named. */
export type ReportTargetRequest = { imageId: string } | { generationId: string } | { shareToken: string };

/** POST /v1/reports. */
export const fileReportSchema = plainObject(v.strictObject({ target: plainObject(target), reason, details }));

export type FileReportRequest = Omit<v.InferOutput<typeof fileReportSchema>, 'target'> & {
  target: ReportTargetRequest;
};

/** POST /s/{token}/report: the token is the path; a signed-out viewer gives a reason and, optionally, details. */
export const shareReportSchema = plainObject(v.strictObject({ reason, details }));

export type ShareReportRequest = v.InferOutput<typeof shareReportSchema>;

/** The moderator's decisions. */
export const moderationActions = ['dismiss', 'take_down', 'suspend_account', 'delete_account'] as const;

export type ModerationAction = (typeof moderationActions)[number];

/** POST /v1/moderation/reports/{reportId}/resolution. */
export const resolveReportSchema = plainObject(
  v.strictObject({ action: v.picklist(moderationActions, `must be one of ${moderationActions.join(', ')}`) }),
);

export type ResolveReportRequest = v.InferOutput<typeof resolveReportSchema>;
