/**
 * Moderators: the Cognito group, and the rules every moderation use case applies to the
 * moderator themself. The group itself is checked once, by the route stack, from the access
 * token's `cognito:groups` (lambdas/shared/http/route.ts, `group`); lib/routes/ declares it on
 * each moderation route row.
 */
import { ForbiddenError } from '../../shared/errors';
import { assertActive, type AccountSeen } from '../profile/account-status';
import type { Report } from '../reports/report';

/** The Cognito group of moderators (lib/constructs/user-directory.ts creates it). */
export const moderatorGroup = 'moderators';

/**
 * A moderator whose own account is being deleted or disabled is refused like any other route
 * (SECURITY B4). A moderator who never opened the app has no profile, and that is fine: staff
 * need not be customers.
 */
export function assertModeratorActive(account: AccountSeen): void {
  if (account) assertActive(account);
}

/** A moderator never decides about their own content (the report's owner). */
export function assertNotOwnContent(moderatorId: string, report: Report): void {
  if (report.subject.ownerId === moderatorId) {
    throw new ForbiddenError('own_content', 'A moderator cannot act on a report about their own content.');
  }
}
