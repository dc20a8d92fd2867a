/**
 * The cost model (bench/cost/) against the infrastructure it prices: every function it names
 * exists and is traced the way it assumes, and its arithmetic follows the client schedule and
 * Lambda's sampling as documented.
 */
import { deletionSteps } from '../../lib/deletion-workflow';
import { routes } from '../../lib/routes';
import { workers } from '../../lib/workers';
import { generationCost, lambdaSampledShare, pollsFor } from '../../bench/cost/model';
import { costTargetPerThousandUsd } from '../../bench/cost/report';
import { assumptions, deletionUsage, generationCalls } from '../../bench/cost/usage';
import { resourcesOfType, synthDev, synthFull } from '../support/synth';

const declaredIds = [
  ...Object.values(generationCalls).map((call) => call.function),
  ...Object.keys(deletionUsage.invocations),
];

describe('the functions the cost model prices', () => {
  it('are all declared in lib/ (routes, workers, deletion steps)', () => {
    const known = new Set([...routes, ...workers, ...deletionSteps].map((each) => each.id));

    expect(declaredIds.filter((id) => !known.has(id))).toEqual([]);
  });

  it.each([
    ['dev', synthDev],
    ['full', synthFull],
  ])(
    'are traced in active mode in %s, the sampling lambdaSampledShare prices, with no sampling rule it would ignore',
    (_stage, synth) => {
      const { api } = synth();
      const functions = Object.values(resourcesOfType(api, 'AWS::Lambda::Function'));
      // Pictor's own functions: CDK's custom-resource handlers set no tracing.
      const traced = functions.filter((fn) => fn.Properties?.TracingConfig !== undefined);

      expect(traced.length).toBeGreaterThanOrEqual(new Set(declaredIds).size);
      expect(traced.filter((fn) => fn.Properties?.TracingConfig?.Mode !== 'Active')).toEqual([]);
      // Lambda samples at a fixed rate whatever the rules say: a rule here would promise a cost the model does not
      // price.
      expect(resourcesOfType(api, 'AWS::XRay::SamplingRule')).toEqual({});
    },
  );
});

describe('the client poll schedule (the README loop)', () => {
  it.each([
    [0.5, 0],
    [1, 0],
    [5.25, 5],
    [6, 5],
    [6.01, 6],
  ])('settling %s s after the 202 takes %s pending polls and two reads after', (seconds, pending) => {
    expect(pollsFor(seconds)).toEqual({ pending, settled: 1 + assumptions.extraReadsAfterSettled });
  });
});

describe("Lambda's fixed X-Ray sampling", () => {
  it('traces every request up to one a second, then 5% of the rest', () => {
    expect(lambdaSampledShare(0.2)).toBe(1);
    expect(lambdaSampledShare(1)).toBe(1);
    expect(lambdaSampledShare(21)).toBeCloseTo(2 / 21);
    expect(lambdaSampledShare(1e6)).toBeCloseTo(0.05, 3);
  });
});

describe('generationCost', () => {
  const facts = (memorySizeMb: number) => ({ memorySizeMb, importMs: 60, firstInvocationMs: 40, warmInvocationMs: 5 });
  const functions = new Map([
    ['CreateGeneration', facts(512)],
    ['GetGeneration', facts(512)],
    ['GenerationWorker', facts(512)],
  ]);

  it('is dominated by the worker waiting on the model, and scales with its memory', () => {
    const at512 = generationCost({ functions, workerOverheadMs: 40 });
    const at1024 = generationCost({
      functions: new Map([...functions, ['GenerationWorker', facts(1024)]]),
      workerOverheadMs: 40,
    });
    const workerLine = (estimate: typeof at512) =>
      estimate.lines.find((line) => line.item.startsWith('GenerationWorker'))!.usd;

    // 1,000 x 0.5 GB x ~5.2 s (the model, the overhead stretched to 512 MB's CPU share, 3 round trips) x $0.0000133334
    expect(workerLine(at512)).toBeCloseTo(0.0346, 3);
    // Twice the memory, slightly less than twice the time billed: the CPU-bound part runs faster.
    expect(workerLine(at1024) / workerLine(at512)).toBeGreaterThan(1.9);
    expect(workerLine(at1024) / workerLine(at512)).toBeLessThan(2);
    expect(at512.totalUsd).toBeLessThan(at1024.totalUsd);
    expect(at512.totalUsd).toBeLessThanOrEqual(costTargetPerThousandUsd);
  });

  it('lists a month of storage apart: a cost of keeping the images, not of making them', () => {
    const estimate = generationCost({ functions, workerOverheadMs: 40 });
    const storage = estimate.lines.filter((line) => line.perMonthKept);

    expect(storage.map((line) => line.service)).toEqual(['S3']);
    expect(estimate.withOneMonthUsd - estimate.totalUsd).toBeCloseTo(storage[0].usd, 9);
    // 1,000 images of ~1.5 MB at $0.023 per GB-month
    expect(storage[0].usd).toBeCloseTo(0.0337, 4);
  });

  it('prices one HTTP API request per call the client makes: the create and every poll', () => {
    const estimate = generationCost({ functions, workerOverheadMs: 40 });
    const http = estimate.lines.find((line) => line.service === 'API Gateway')!;

    // Settles ~5.3 s after the 202: 5 pending polls, the settled read and the read for the URL.
    expect(http.quantity).toBe(1000 * (1 + 5 + 2));
    expect(http.usd).toBeCloseTo(0.008, 6);
  });
});
