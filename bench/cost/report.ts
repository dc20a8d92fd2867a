/**
 * Prints the cost model (./model.ts) and the generation worker's memory (../worker-memory.ts)
 * as part of `npm run bench`, from the functions this run synthesized and timed.
 */
import type { SynthesizedFunction } from '../assembly';
import type { Measured } from '../measure';
import { renderTable } from '../table';
import type { WorkerMemory } from '../worker-memory';
import { type CostEstimate, type FunctionFacts, deletionCost, generationCost } from './model';
import { prices } from './prices';
import { assumptions, deletionUsage, generationCalls } from './usage';

/** P10 as issue 10 sets it for a 5 s model (PERFORMANCE.md's P10 line is $0.25). */
export const costTargetPerThousandUsd = 0.1;

/** The ids the model prices, found among the synthesized functions by route id or construct path. */
function functionFacts(
  synthesized: readonly SynthesizedFunction[],
  measured: readonly Measured[],
): Map<string, FunctionFacts> {
  const ids = new Set<string>([
    ...Object.values(generationCalls).map((call) => call.function),
    ...Object.keys(deletionUsage.invocations),
  ]);
  const facts = new Map<string, FunctionFacts>();
  synthesized.forEach((fn, index) => {
    const id = [...ids].find((each) => fn.label === each || fn.constructPath.split('/').includes(each));
    if (!id || fn.memorySizeMb === undefined) return;
    const t = measured[index]?.timing;
    facts.set(id, {
      memorySizeMb: fn.memorySizeMb,
      importMs: t?.importMedian,
      firstInvocationMs:
        t?.firstCallMedian !== undefined && t.importMedian !== undefined
          ? t.firstCallMedian - t.importMedian
          : undefined,
      warmInvocationMs: t?.warmCallMedian,
    });
  });
  return facts;
}

const usd = (value: number) => (value >= 0.01 ? value.toFixed(4) : value.toFixed(6));

function printEstimate(title: string, estimate: CostEstimate, scale: string): void {
  console.log(`\n${title}\n`);
  const row = (line: CostEstimate['lines'][number]) => [
    line.service,
    line.item,
    Number.isInteger(line.quantity) ? String(line.quantity) : line.quantity.toPrecision(4),
    line.unit,
    usd(line.usd),
    line.perMonthKept ? '-' : `${((100 * line.usd) / estimate.totalUsd).toFixed(1)}%`,
  ];
  const rows = estimate.lines.filter((line) => !line.perMonthKept).map(row);
  rows.push(['total', scale, '', '', usd(estimate.totalUsd), '100%']);
  const kept = estimate.lines.filter((line) => line.perMonthKept);
  if (kept.length) {
    rows.push(...kept.map(row));
    rows.push(['total', `${scale}, plus one month kept`, '', '', usd(estimate.withOneMonthUsd), '']);
  }
  console.log(renderTable(['service', 'item', 'quantity', 'unit', '$', 'share'], rows, new Set([2, 4, 5])));
  for (const note of estimate.notes) console.log(`- ${note}`);
}

/** Prints the cost section; returns whether the generation cost is within the target. */
export function printCostReport(
  synthesized: readonly SynthesizedFunction[],
  measured: readonly Measured[],
  memory: readonly WorkerMemory[],
): boolean {
  const bedrock = memory.find((m) => m.provider === 'bedrock');
  const inputs = { functions: functionFacts(synthesized, measured), workerOverheadMs: bedrock?.textToImageMs ?? 50 };

  console.log('\n## Generation worker memory (bench/worker-memory.ts; max over 3 fresh processes)\n');
  console.log(
    renderTable(
      [
        'provider',
        'RSS after import MB',
        'peak RSS MB',
        'heap after import MB',
        'reference MB',
        'output MB',
        'text-to-image ms',
      ],
      memory.map((m) => [
        m.provider,
        m.rssAfterImportMb.toFixed(1),
        m.peakRssMb.toFixed(1),
        m.heapAfterImportMb.toFixed(1),
        m.referenceMb.toFixed(1),
        m.outputMb.toFixed(1),
        m.textToImageMs.toFixed(1),
      ]),
      new Set([1, 2, 3, 4, 5, 6]),
    ),
  );
  const workerMemory = inputs.functions.get('GenerationWorker')?.memorySizeMb;
  if (workerMemory !== undefined) {
    const peak = Math.max(...memory.map((m) => m.peakRssMb));
    console.log(
      `\nGenerationWorker is configured with ${workerMemory} MB: ${(workerMemory / peak).toFixed(1)}x the heaviest ` +
        `peak measured (image-to-image with the largest reference).`,
    );
  }

  const generation = generationCost(inputs);
  const perThousand = generation.totalUsd;
  const within = perThousand <= costTargetPerThousandUsd;
  console.log(
    `\n## Cost model (bench/cost/): $ per 1,000 generations, image model excluded, ${assumptions.modelSeconds} s ` +
      `model, us-east-1`,
  );
  printEstimate('### Per 1,000 generations', generation, '1,000 generations');
  console.log(
    `\nP10: $${perThousand.toFixed(4)} per 1,000 generations, target <= $${costTargetPerThousandUsd.toFixed(2)}: ` +
      `${within ? 'PASS' : 'OVER'} ` +
      `($${generation.withOneMonthUsd.toFixed(4)} with the images kept a month; storage is priced per month kept, ` +
      `not per generation)`,
  );
  printEstimate('### Per account deletion (a full small account)', deletionCost(inputs), 'one deletion');
  console.log(
    `\n- Usage: bench/cost/usage.ts (held to the code by test/integration/cost-usage.test.ts); prices: ` +
      `bench/cost/prices.ts (${prices.httpApiRequest.source}).`,
    `\n- Not per generation, so not above: the queue mappings' empty long polls (~5 pollers x 3 a minute per queue, ` +
      `~$0.26 a month each), alarms, log and item storage.`,
  );
  return within;
}
