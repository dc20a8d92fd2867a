/**
 * The generation path wired to in-memory ports, with `given` / `when` helpers that read as
 * sentences: an account with credits and a conversation, a moderator and a model that answer as
 * told, a queue that can be down, a clock that moves only when told. The create, run and sweep
 * tests share it, so one generation can be followed from the request to its settlement.
 */
import {
  createGeneration,
  type CreateGenerationDeps,
  type CreateGenerationInput,
} from '../../../lambdas/domain/generations/create-generation';
import type { GenerationRequest } from '../../../lambdas/domain/generations/generation';
import type { GenerationJob } from '../../../lambdas/domain/generations/generation-job';
import { abandonGeneration } from '../../../lambdas/domain/generations/abandon-generation';
import { ModerationUnavailableError } from '../../../lambdas/domain/generations/moderation-errors';
import type { ImageModel, ImageOutcome, ModerationVerdict } from '../../../lambdas/domain/generations/ports';
import { runGeneration, type RunGenerationDeps } from '../../../lambdas/domain/generations/run-generation';
import type { PendingWork } from '../../../lambdas/domain/outbox/outbox';
import { sweepOutbox, type SweepOutboxDeps } from '../../../lambdas/domain/outbox/sweep-outbox';
import { newProfile } from '../../../lambdas/domain/profile/ensure-profile';
import { objectKeys } from '../../../lambdas/domain/storage/object-keys';
import { MemoryGenerationStore } from '../../fixtures/memory-generation-store';
import { MemoryObjectStore } from '../../fixtures/memory-object-store';
import { MemoryOutbox } from '../../fixtures/memory-outbox';
import { MemoryProfileStore } from '../../fixtures/memory-profile-store';
import { MemoryQueue } from '../../fixtures/memory-queue';

/** A PNG's first bytes; the model's images only need to be told apart. */
export const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, n]);

/** What the model does on one call: an outcome, an error it throws, or something that happens meanwhile first. */
type ModelTurn = ImageOutcome | Error | (() => ImageOutcome);

export function aPictor() {
  let time = Date.parse('2026-11-22T12:00:00.000Z');
  const now = () => new Date(time);
  const accounts = new MemoryProfileStore();
  const outbox = new MemoryOutbox();
  const generations = new MemoryGenerationStore(accounts, outbox);
  const objects = new MemoryObjectStore();
  const queue = new MemoryQueue<GenerationJob>();
  const deferred: PendingWork[] = [];
  const workflowStarts: string[] = [];
  const conversationsFinished: string[] = [];

  let verdict: ModerationVerdict | Error = { allowed: true };
  const prompts: string[] = [];
  const modelTurns: ModelTurn[] = [];
  const modelCalls: Parameters<ImageModel['generate']>[] = [];
  let generationsMade = 0;

  const createDeps: CreateGenerationDeps = {
    generations,
    moderator: {
      async check(text) {
        prompts.push(text.prompt);
        if (verdict instanceof Error) throw verdict;
        return verdict;
      },
    },
    queue,
    outbox,
    deferred: (work) => void deferred.push(work),
    profiles: { store: accounts, starterCredits: 3, now },
    now,
    newId: () => `generation-${++generationsMade}`,
    newImageId: () => `image-${generationsMade}`,
    randomSeed: () => 1234,
  };
  const runDeps: RunGenerationDeps = {
    generations,
    objects,
    model: {
      async generate(...call) {
        modelCalls.push(call);
        const turn = modelTurns.shift() ?? { kind: 'images', images: [{ png: png(1), seed: 1234 }] };
        if (turn instanceof Error) throw turn;
        return typeof turn === 'function' ? turn() : turn;
      },
    },
    now,
    dimensionsOf: () => ({ width: 1024, height: 1024 }),
  };
  const sweepDeps: SweepOutboxDeps = {
    outbox,
    generationQueue: queue,
    deletionWorkflow: {
      async start({ userId }) {
        workflowStarts.push(userId);
        return 'started';
      },
    },
    exportQueue: { enqueue: async () => {} },
    // Its last step deletes the conversation item, and the outbox entry with it.
    async finishConversationDeletion(userId, conversationId) {
      conversationsFinished.push(`${userId}/${conversationId}`);
      generations.deleteConversation(userId, conversationId);
      await outbox.clear({ kind: 'conversation-deletion', userId, conversationId });
    },
    abandonGeneration: (userId, generationId) => abandonGeneration({ generations, now }, userId, generationId),
    now,
    graceSeconds: 60,
    abandonAfterSeconds: 3600,
    maxPerRun: 100,
  };

  const given = {
    anAccount(userId: string, { credits, status = 'ACTIVE' }: { credits: number; status?: 'ACTIVE' | 'DELETING' }) {
      const { profile, grant } = newProfile(userId, now().toISOString(), credits);
      accounts.profiles.set(userId, { ...profile, status });
      accounts.ledger.push(grant);
    },
    aConversation(userId: string, conversationId: string) {
      generations.hasConversation(userId, conversationId);
    },
    /** A validated reference: READY for a day, its clean PNG where the worker copies it from. */
    aReadyUpload(userId: string, uploadId: string) {
      generations.hasReadyUpload(userId, uploadId, Math.floor(time / 1000) + 86_400);
      objects.objects.set(objectKeys.uploadValidated(userId, uploadId), png(9));
    },
    theModeratorBlocks(message: string) {
      verdict = { allowed: false, category: 'violence', message };
    },
    theModeratorIsUnavailable() {
      verdict = new ModerationUnavailableError();
    },
    theQueueIsDown() {
      queue.down = new Error('queue unavailable');
    },
    theQueueIsBack() {
      queue.down = undefined;
    },
    theModelWill(...turns: ModelTurn[]) {
      modelTurns.push(...turns);
    },
  };

  const when = {
    /** `userId` asks for a generation in `conversationId` under `idempotencyKey`. */
    asking(
      userId: string,
      conversationId: string,
      request: GenerationRequest,
      idempotencyKey = 'key-0001-abcdef',
    ): ReturnType<typeof createGeneration> {
      const input: CreateGenerationInput = { userId, conversationId, request, idempotencyKey };
      return createGeneration(createDeps, input);
    },
    /** One delivery of the job to the worker; `receiveCount` of `maxAttempts`. */
    theWorkerRuns(job: GenerationJob, receiveCount = 1, maxAttempts = 3) {
      return runGeneration(runDeps, job, { receiveCount, maxAttempts });
    },
    theSweeperRuns() {
      return sweepOutbox(sweepDeps);
    },
    secondsPass(seconds: number) {
      time += seconds * 1000;
    },
  };

  const the = {
    accounts,
    generations,
    objects,
    outbox,
    queue,
    /** Work whose hand-over a request left to the sweeper. */
    deferred,
    /** Users whose deletion workflow was started, and conversations whose deletion was finished. */
    workflowStarts,
    conversationsFinished,
    now,
    /** Every prompt the moderator was asked about. */
    prompts,
    modelCalls,
    balanceOf: (userId: string) => accounts.profiles.get(userId)?.credits,
    ledgerOf: (userId: string) => accounts.ledger.filter((entry) => entry.userId === userId),
    refundsOf: (userId: string) =>
      accounts.ledger.filter((entry) => entry.userId === userId && entry.kind === 'REFUND'),
  };

  return { given, when, the };
}
