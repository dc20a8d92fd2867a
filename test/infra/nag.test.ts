/**
 * SECURITY A1: the AwsSolutions and Serverless packs report nothing that is not acknowledged with
 * a written reason, for the development stage and for a production-like one with every option on.
 * Acknowledgements stay narrow (never a whole stack) and current (each still matches a finding).
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { fullStage, synthPictor, unacknowledgedNagFindings } from '../support/synth';

interface Acknowledgement {
  readonly path: string;
  readonly id: string;
  readonly reason: unknown;
  readonly scope: IConstruct;
}

/** Every acknowledgement recorded in the construct tree (what cdk-nag reads). */
function acknowledgementsIn(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((scope) =>
    scope.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, unknown>).map(([qualifiedId, reason]) => ({
          path: scope.node.path,
          // aws-cdk-lib stores ids as `Annotation::<rule id>`; cdk-nag strips the prefix the same way.
          id: qualifiedId.replace(/^annotation::/i, ''),
          reason,
          scope,
        })),
      ),
  );
}

/** The findings the packs report when nothing is acknowledged. */
function rawFindings(stage: string, stages?: Record<string, unknown>) {
  const acknowledge = jest.spyOn(Validations.prototype, 'acknowledge').mockImplementation(() => undefined);
  try {
    return unacknowledgedNagFindings(synthPictor(stage, stages).app);
  } finally {
    acknowledge.mockRestore();
  }
}

const label = (ack: Acknowledgement) => `${ack.id} at ${ack.path}`;

describe.each([
  ['dev', undefined],
  ['full', { full: fullStage }],
])('cdk-nag on the %s stage', (stage, stages) => {
  const synth = synthPictor(stage, stages);
  const acknowledgements = acknowledgementsIn(synth.app);

  it('reports no unacknowledged AwsSolutions or Serverless finding', () => {
    const findings = unacknowledgedNagFindings(synth.app).map((v) => ({
      rule: v.ruleName,
      at: v.violatingResources.map((r) => r.constructPath),
    }));
    expect(findings).toEqual([]);
  });

  it('gives every acknowledgement a written reason', () => {
    expect(acknowledgements.length).toBeGreaterThan(0);
    const unexplained = acknowledgements.filter((a) => typeof a.reason !== 'string' || a.reason.trim().length < 40);
    expect(unexplained.map(label)).toEqual([]);
  });

  it('never acknowledges a rule for a whole stack or the app', () => {
    const broad = acknowledgements.filter((a) => a.scope instanceof Stack || a.scope instanceof App);
    expect(broad.map(label)).toEqual([]);
  });

  it('keeps no stale acknowledgement: each one matches a finding the packs would report', () => {
    const findings = rawFindings(stage, stages);
    const covers = (ack: Acknowledgement, path?: string) => path === ack.path || !!path?.startsWith(`${ack.path}/`);
    const stale = acknowledgements.filter(
      (ack) =>
        !findings.some((f) => f.ruleName === ack.id && f.violatingResources.some((r) => covers(ack, r.constructPath))),
    );
    expect(stale.map(label)).toEqual([]);
  });
});
