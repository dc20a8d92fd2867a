import {
  AccessDeniedException,
  ApplyGuardrailCommand,
  BedrockRuntimeClient,
  InternalServerException,
  ResourceNotFoundException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
  type ApplyGuardrailResponse,
  type GuardrailAssessment,
} from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { guardrailModerator } from '../../../lambdas/adapters/bedrock/guardrail-moderator';
import { blockedVerdict } from '../../../lambdas/adapters/moderation/block-messages';
import { ModerationUnavailableError } from '../../../lambdas/domain/generations/moderation-errors';

const client = new BedrockRuntimeClient({ region: 'us-east-1' });
const bedrock = mockClient(client);
// The SDK's own command stands in for the signed request (its wire format is tested in signed-guardrail.test.ts).
const moderator = guardrailModerator((input) => client.send(new ApplyGuardrailCommand(input)), {
  guardrailId: 'gr-abc123',
  guardrailVersion: '3',
});

const usage = {
  topicPolicyUnits: 1,
  contentPolicyUnits: 1,
  wordPolicyUnits: 1,
  sensitiveInformationPolicyUnits: 1,
  sensitiveInformationPolicyFreeUnits: 0,
  contextualGroundingPolicyUnits: 0,
};

function answers(response: Partial<ApplyGuardrailResponse>) {
  bedrock.on(ApplyGuardrailCommand).resolves({ usage, outputs: [], assessments: [], ...response });
}

function intervened(...assessments: GuardrailAssessment[]) {
  answers({ action: 'GUARDRAIL_INTERVENED', assessments });
}

beforeEach(() => {
  bedrock.reset();
  answers({ action: 'NONE' });
});

describe('the ApplyGuardrail request', () => {
  it('checks the prompt and the negative prompt as input text, asking only for interventions', async () => {
    await moderator.check({ prompt: 'a red fox in snow', negativePrompt: 'blurry, watermark' });

    const calls = bedrock.commandCalls(ApplyGuardrailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0].args[0].input).toEqual({
      guardrailIdentifier: 'gr-abc123',
      guardrailVersion: '3',
      source: 'INPUT',
      content: [{ text: { text: 'a red fox in snow' } }, { text: { text: 'blurry, watermark' } }],
      outputScope: 'INTERVENTIONS',
    });
  });

  it.each([
    ['no', undefined],
    ['an empty', ''],
  ])('sends the prompt alone when there is %s negative prompt', async (_case, negativePrompt) => {
    await moderator.check({ prompt: 'a red fox in snow', negativePrompt });

    expect(bedrock.commandCalls(ApplyGuardrailCommand)[0].args[0].input.content).toEqual([
      { text: { text: 'a red fox in snow' } },
    ]);
  });
});

describe('the verdict', () => {
  it('allows a prompt the guardrail did not intervene on', async () => {
    expect(await moderator.check({ prompt: 'a red fox in snow' })).toEqual({ allowed: true });
  });

  it.each([
    ['SEXUAL', 'sexual'],
    ['VIOLENCE', 'violence'],
    ['HATE', 'hate'],
    ['INSULTS', 'insults'],
    ['MISCONDUCT', 'misconduct'],
    ['PROMPT_ATTACK', 'prompt_attack'],
  ] as const)('names a blocking %s content filter as %s, with a message to show', async (type, category) => {
    intervened({ contentPolicy: { filters: [{ type, confidence: 'HIGH', action: 'BLOCKED' }] } });

    const verdict = await moderator.check({ prompt: 'anything' });

    expect(verdict).toEqual({ allowed: false, category, message: expect.stringMatching(/^This prompt was blocked/) });
    expect(verdict).toEqual(blockedVerdict(category));
  });

  it('names the most confident of several blocking filters', async () => {
    intervened(
      { contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'LOW', action: 'BLOCKED' }] } },
      {
        contentPolicy: {
          filters: [
            { type: 'SEXUAL', confidence: 'HIGH', action: 'BLOCKED' },
            { type: 'INSULTS', confidence: 'MEDIUM', action: 'BLOCKED' },
          ],
        },
      },
    );

    expect(await moderator.check({ prompt: 'anything' })).toMatchObject({ allowed: false, category: 'sexual' });
  });

  it('ignores filters that detected something without blocking', async () => {
    intervened({
      contentPolicy: {
        filters: [
          { type: 'HATE', confidence: 'HIGH', action: 'NONE', detected: true },
          { type: 'INSULTS', confidence: 'LOW', action: 'BLOCKED', detected: true },
        ],
      },
    });

    expect(await moderator.check({ prompt: 'anything' })).toMatchObject({ allowed: false, category: 'insults' });
  });

  it.each<[string, string, GuardrailAssessment]>([
    ['a denied topic', 'topic', { topicPolicy: { topics: [{ name: 'Weapons', type: 'DENY', action: 'BLOCKED' }] } }],
    [
      'a custom word',
      'words',
      { wordPolicy: { customWords: [{ match: 'zorblax', action: 'BLOCKED' }], managedWordLists: [] } },
    ],
    [
      'a managed word list',
      'words',
      {
        wordPolicy: { customWords: [], managedWordLists: [{ match: 'zorblax', type: 'PROFANITY', action: 'BLOCKED' }] },
      },
    ],
    [
      'blocked personal information',
      'personal_information',
      {
        sensitiveInformationPolicy: {
          piiEntities: [{ match: 'ann@example.com', type: 'EMAIL', action: 'BLOCKED' }],
          regexes: [],
        },
      },
    ],
    [
      'masked personal information',
      'personal_information',
      {
        sensitiveInformationPolicy: {
          piiEntities: [],
          regexes: [{ name: 'ticket', match: 'T-1234', action: 'ANONYMIZED' }],
        },
      },
    ],
    [
      'a policy without a category (contextual grounding)',
      'policy',
      {
        contextualGroundingPolicy: { filters: [{ type: 'GROUNDING', threshold: 0.5, score: 0.1, action: 'BLOCKED' }] },
      },
    ],
  ])('names %s as %s', async (_case, category, assessment) => {
    intervened(assessment);

    expect(await moderator.check({ prompt: 'anything' })).toEqual(blockedVerdict(category));
  });

  it('prefers a content filter to a topic or a word list when several intervened', async () => {
    intervened({
      topicPolicy: { topics: [{ name: 'Weapons', type: 'DENY', action: 'BLOCKED' }] },
      wordPolicy: { customWords: [{ match: 'zorblax', action: 'BLOCKED' }], managedWordLists: [] },
      contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'MEDIUM', action: 'BLOCKED' }] },
    });

    expect(await moderator.check({ prompt: 'anything' })).toMatchObject({ category: 'violence' });
  });

  it('blocks as "policy" when the guardrail intervened without assessments', async () => {
    answers({ action: 'GUARDRAIL_INTERVENED', assessments: undefined });

    expect(await moderator.check({ prompt: 'anything' })).toEqual(blockedVerdict('policy'));
  });

  it('never repeats the words that matched', async () => {
    intervened({ wordPolicy: { customWords: [{ match: 'zorblax', action: 'BLOCKED' }], managedWordLists: [] } });

    const verdict = await moderator.check({ prompt: 'a zorblax' });

    expect(verdict.allowed).toBe(false);
    expect(JSON.stringify(verdict)).not.toContain('zorblax');
  });
});

describe('failing closed', () => {
  const metadata = { httpStatusCode: 400 };

  it.each([
    ['throttling', new ThrottlingException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } })],
    ['an internal error', new InternalServerException({ message: 'Internal', $metadata: { httpStatusCode: 500 } })],
    ['an outage', new ServiceUnavailableException({ message: 'Unavailable', $metadata: { httpStatusCode: 503 } })],
    ['a timeout', Object.assign(new Error('Stream timed out'), { name: 'TimeoutError' })],
    [
      'a missing guardrail',
      new ResourceNotFoundException({ message: 'Guardrail not found', $metadata: { httpStatusCode: 404 } }),
    ],
    ['denied access', new AccessDeniedException({ message: 'Not authorized', $metadata: { httpStatusCode: 403 } })],
    ['a rejected request', new ValidationException({ message: 'Invalid guardrail version', $metadata: metadata })],
  ])(
    'raises ModerationUnavailableError on %s, keeping the cause, instead of allowing the prompt',
    async (_case, sdkError: Error) => {
      bedrock.on(ApplyGuardrailCommand).rejects(sdkError);

      const error = await moderator.check({ prompt: 'a red fox in snow' }).then(
        () => undefined,
        (failure: unknown) => failure,
      );

      expect(error).toBeInstanceOf(ModerationUnavailableError);
      expect((error as Error).cause).toBe(sdkError);
      expect((error as Error).message).not.toContain('a red fox in snow');
    },
  );

  it.each([
    ['no action', undefined],
    ['an unknown action', 'SOMETHING_NEW'],
  ])('raises ModerationUnavailableError when the answer has %s', async (_case, action) => {
    answers({ action: action as ApplyGuardrailResponse['action'] });

    await expect(moderator.check({ prompt: 'a red fox in snow' })).rejects.toBeInstanceOf(ModerationUnavailableError);
  });
});
