/**
 * The one retry helper (lambdas/shared/retry.ts): full-jitter exponential backoff, the whole
 * call again on a retryable error, or only the remainder of a batch until none is left.
 */
import {
  backoffDelay,
  retryCall,
  retryPolicies,
  retryRemainder,
  type RetryPolicy,
} from '../../../lambdas/shared/retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 10, throttledBaseDelayMs: 40, maxDelayMs: 100 };

afterEach(() => jest.restoreAllMocks());

describe('backoffDelay', () => {
  it('doubles the cap with each failed attempt up to the maximum, and waits anywhere below it', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.999);
    expect([1, 2, 3, 4, 5].map((failed) => Math.round(backoffDelay(policy, failed)))).toEqual([20, 40, 80, 100, 100]);
    jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoffDelay(policy, 3)).toBe(0);
  });

  it('starts from the throttled base when the service said it was throttling', () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    expect([backoffDelay(policy, 1, true), backoffDelay(policy, 1, false)]).toEqual([40, 10]);
    expect(backoffDelay({ ...policy, throttledBaseDelayMs: undefined }, 1, true)).toBe(10);
  });
});

describe('retryCall', () => {
  it('answers the first success, having waited once per failure', async () => {
    const waits: number[] = [];
    const call = jest.fn().mockRejectedValueOnce(new Error('busy')).mockResolvedValueOnce('done');
    const result = await retryCall(policy, call, { retryable: () => true, sleep: async (ms) => void waits.push(ms) });
    expect(result).toBe('done');
    expect(call).toHaveBeenCalledTimes(2);
    expect(waits).toHaveLength(1);
  });

  it('throws an error it may not retry at once', async () => {
    const refusal = new Error('refused');
    const call = jest.fn().mockRejectedValue(refusal);
    const sleep = jest.fn(async () => {});
    await expect(retryCall(policy, call, { retryable: () => false, sleep })).rejects.toBe(refusal);
    expect(call).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('throws the last failure once the attempts are spent', async () => {
    let failures = 0;
    const call = async () => {
      failures += 1;
      throw new Error(`failure ${failures}`);
    };
    await expect(retryCall(policy, call, { retryable: () => true, sleep: async () => {} })).rejects.toThrow(
      'failure 4',
    );
  });

  it('waits from the throttled base for the failures it is told are throttling', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const waits: number[] = [];
    const throttling = Object.assign(new Error('slow down'), { throttled: true });
    const call = jest.fn().mockRejectedValueOnce(throttling).mockRejectedValueOnce(new Error('x')).mockResolvedValue(1);
    await retryCall(policy, call, {
      retryable: () => true,
      throttled: (error) => (error as { throttled?: boolean }).throttled === true,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(waits).toEqual([40, 20]);
  });
});

describe('retryRemainder', () => {
  it('sends again exactly what was left unprocessed, until nothing is', async () => {
    const sent: number[][] = [];
    const leftOver = [[3, 4], [4], []];
    await retryRemainder(
      policy,
      [1, 2, 3, 4],
      async (pending) => {
        sent.push([...pending]);
        return leftOver[sent.length - 1];
      },
      { giveUp: () => new Error('gave up'), sleep: async () => {} },
    );
    expect(sent).toEqual([[1, 2, 3, 4], [3, 4], [4]]);
  });

  it('gives up with the caller’s error, naming what is left, once the attempts are spent', async () => {
    const send = jest.fn(async (pending: readonly string[]) => pending.slice(1));
    await expect(
      retryRemainder(policy, ['a', 'b', 'c', 'd', 'e', 'f'], send, {
        giveUp: (left, attempts) => new Error(`${left.join()} left after ${attempts}`),
        sleep: async () => {},
      }),
    ).rejects.toThrow('f left after 4');
    expect(send).toHaveBeenCalledTimes(4);
  });
});

describe('retryPolicies', () => {
  it('declares every wait with at least one retry and a maximum no shorter than its first wait', () => {
    for (const [name, declared] of Object.entries(retryPolicies)) {
      const p: RetryPolicy = declared;
      expect({ name, retries: p.maxAttempts > 1 }).toEqual({ name, retries: true });
      expect({ name, capped: p.maxDelayMs >= 2 * p.baseDelayMs }).toEqual({ name, capped: true });
    }
  });
});
