/**
 * How the S3 object store reads S3's answers: missing objects, size limits, S3's 200-with-errors
 * answers, paging, retries. S3 is a scripted fetch; what the requests look like is held equal
 * to S3Client's in ./signed-bucket.test.ts.
 */
import { s3ObjectStore } from '../../../lambdas/adapters/s3/object-store';
import { S3RequestError, signedBucket } from '../../../lambdas/adapters/s3/signed-bucket';

process.env.IMAGES_BUCKET = 'pictor-images';
process.env.AWS_REGION = 'eu-west-1';
delete process.env.AWS_ENDPOINT_URL_S3;
// Presigning reads the function's own credentials from the environment, as Lambda provides them.
process.env.AWS_ACCESS_KEY_ID = 'ASIAENVIRONMENT';
process.env.AWS_SECRET_ACCESS_KEY = 'environment-secret';
process.env.AWS_SESSION_TOKEN = 'environment-session';

interface Seen {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const s3Error = (status: number, code: string) =>
  new Response(xml(`<Error><Code>${code}</Code><Message>m</Message><RequestId>r</RequestId></Error>`), { status });

/** An object store over a fetch that answers from `script`, one entry per request (a function may throw). */
function storeAnswering(...script: Array<Response | ((seen: Seen) => Response)>) {
  const seen: Seen[] = [];
  const waits: number[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const request = {
      method: String(init.method),
      url: new URL(url),
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ? Buffer.from(init.body as Uint8Array).toString('utf8') : '',
    };
    seen.push(request);
    const next = script.shift();
    if (next === undefined) throw new Error(`unexpected request ${request.method} ${url}`);
    return typeof next === 'function' ? next(request) : next;
  }) as typeof globalThis.fetch;
  const bucket = signedBucket({
    bucket: 'pictor-images',
    region: 'eu-west-1',
    credentials: async () => ({ accessKeyId: 'AKID', secretAccessKey: 'SECRET' }),
    fetch,
    sleep: async (ms) => void waits.push(ms),
  });
  return { store: s3ObjectStore(bucket), seen, waits };
}

/** A body that arrives in pieces and declares no length, as a chunked answer does. */
function streamed(...chunks: number[]): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const size of chunks) controller.enqueue(new Uint8Array(size).fill(7));
      controller.close();
    },
  });
  return new Response(stream);
}

describe('getBytes', () => {
  it('answers undefined for a missing object', async () => {
    const { store } = storeAnswering(s3Error(404, 'NoSuchKey'));
    expect(await store.getBytes('uploads/u/1/original', 100)).toBeUndefined();
  });

  it('answers the bytes of an object within the limit', async () => {
    const { store, seen } = storeAnswering(new Response(new Uint8Array([1, 2, 3])));
    expect(await store.getBytes('uploads/u/1/original', 3)).toEqual({ bytes: new Uint8Array([1, 2, 3]) });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: new URL('https://pictor-images.s3.eu-west-1.amazonaws.com/uploads/u/1/original?x-id=GetObject'),
    });
  });

  it('refuses an object whose declared length is over the limit', async () => {
    const { store } = storeAnswering(new Response(new Uint8Array(101)));
    expect(await store.getBytes('k/1', 100)).toEqual({ tooLarge: true });
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    const { store } = storeAnswering(streamed(60, 60, 60));
    expect(await store.getBytes('k/1', 100)).toEqual({ tooLarge: true });
    const { store: within } = storeAnswering(streamed(50, 50));
    expect(await within.getBytes('k/1', 100)).toEqual({ bytes: new Uint8Array(100).fill(7) });
  });

  it('raises other refusals with S3 error code as name, without retrying them', async () => {
    const { store, seen } = storeAnswering(s3Error(403, 'AccessDenied'));
    const failure = store.getBytes('k/1', 100);
    await expect(failure).rejects.toBeInstanceOf(S3RequestError);
    await expect(failure).rejects.toMatchObject({ name: 'AccessDenied', status: 403, transient: false });
    expect(seen).toHaveLength(1);
  });
});

describe('retries', () => {
  it('tries throttling and server errors again, with backoff doubling, up to 3 attempts', async () => {
    const { store, seen, waits } = storeAnswering(
      s3Error(503, 'SlowDown'),
      s3Error(500, 'InternalError'),
      new Response(''),
    );
    // The middle of the jitter: each wait is half its cap (100 ms x 2^n, as the SDK's standard mode).
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    try {
      await store.putPng('users/u/c/i.png', new Uint8Array([1]));
    } finally {
      jest.restoreAllMocks();
    }
    expect(seen.map((s) => s.method)).toEqual(['PUT', 'PUT', 'PUT']);
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the third attempt and says why', async () => {
    const refuse = () => {
      throw new TypeError('fetch failed');
    };
    const { store, seen } = storeAnswering(refuse, refuse, refuse);
    await expect(store.putPng('users/u/c/i.png', new Uint8Array([1]))).rejects.toMatchObject({
      name: 'NetworkError',
      transient: true,
    });
    expect(seen).toHaveLength(3);
  });

  it('never sends a key with a `.` or `..` segment (fetch would resolve it into another key)', async () => {
    const { store, seen } = storeAnswering();
    await expect(store.putPng('users/u/../v/i.png', new Uint8Array([1]))).rejects.toMatchObject({
      name: 'UnsupportedKey',
    });
    expect(seen).toHaveLength(0);
  });
});

describe('copy', () => {
  it('answers true when S3 confirms the copy, false when the source is missing', async () => {
    const { store, seen } = storeAnswering(
      new Response(xml('<CopyObjectResult><ETag>"e"</ETag></CopyObjectResult>')),
      s3Error(404, 'NoSuchKey'),
    );
    expect(await store.copy('uploads/u/1/validated.png', 'users/u/c/g-reference-0.png')).toBe(true);
    expect(await store.copy('uploads/u/2/validated.png', 'users/u/c/g-reference-1.png')).toBe(false);
    expect(seen[0]).toMatchObject({
      method: 'PUT',
      url: new URL('https://pictor-images.s3.eu-west-1.amazonaws.com/users/u/c/g-reference-0.png?x-id=CopyObject'),
    });
  });

  it('names the source as the request path names a key: RFC 3986 per segment, slashes kept', async () => {
    const { store, seen } = storeAnswering(new Response(xml('<CopyObjectResult></CopyObjectResult>')));
    await store.copy("uploads/u/it's (1)*!~.png", 'users/u/c/g-reference-0.png');
    expect(seen[0].headers['x-amz-copy-source']).toBe('pictor-images/uploads/u/it%27s%20%281%29%2A%21~.png');
  });

  it('raises the error S3 reports inside a 200 answer', async () => {
    const { store } = storeAnswering(
      new Response(xml('<Error><Code>InternalError</Code><Message>m</Message></Error>')),
    );
    await expect(store.copy('a/b', 'c/d')).rejects.toMatchObject({ name: 'InternalError' });
  });
});

describe('deleteKeys and deletePrefix', () => {
  it('raises the per-key errors of a 200 DeleteObjects answer', async () => {
    const { store } = storeAnswering(
      new Response(
        xml(
          '<DeleteResult><Error><Key>a/1</Key><Code>AccessDenied</Code></Error>' +
            '<Error><Key>a/2</Key><Code>InternalError</Code></Error></DeleteResult>',
        ),
      ),
    );
    await expect(store.deleteKeys(['a/1', 'a/2', 'a/3'])).rejects.toThrow(
      'DeleteObjects failed for 2 keys (first: AccessDenied)',
    );
  });

  it('deletes at most 1,000 keys per request', async () => {
    const done = new Response(xml('<DeleteResult></DeleteResult>'));
    const { store, seen } = storeAnswering(done, done.clone(), done.clone());
    const keys = Array.from({ length: 2001 }, (_, i) => `users/u/c/${i}.png`);
    await store.deleteKeys(keys);
    expect(seen.map((request) => request.body.match(/<Object>/g)?.length)).toEqual([1000, 1000, 1]);
  });

  it('lists and deletes page after page until the prefix is empty, reading keys as XML text', async () => {
    const page = (keys: string[]) =>
      new Response(
        xml(
          `<ListBucketResult>${keys.map((key) => `<Contents><Key>${key}</Key><Size>1</Size></Contents>`).join('')}` +
            '</ListBucketResult>',
        ),
      );
    const deleted = () => new Response(xml('<DeleteResult></DeleteResult>'));
    const { store, seen } = storeAnswering(
      page(['users/u/c/1.png', 'users/u/c/a&amp;b&#x0A;.png']),
      deleted(),
      page(['users/u/c/2.png']),
      deleted(),
      page([]),
    );

    expect(await store.deletePrefix('users/u/c/')).toBe(3);
    expect(seen.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'POST', 'GET']);
    expect(seen[0].url.searchParams.get('prefix')).toBe('users/u/c/');
    expect(seen[1].body).toContain('<Object><Key>users/u/c/1.png</Key></Object>');
    expect(seen[1].body).toContain('<Key>users/u/c/a&amp;b&#x0A;.png</Key>');
  });
});

describe('presignUpload', () => {
  it('answers the POST form with an expiry five minutes after it was signed', async () => {
    const { store, seen } = storeAnswering();
    const upload = await store.presignUpload('uploads/u/1/original', 'image/webp', 1000);
    const signed = upload.fields['X-Amz-Date'].replace(
      /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
      '$1-$2-$3T$4:$5:$6Z',
    );
    const lifetime = Date.parse(upload.expiresAt) - Date.parse(signed);

    expect(upload.url).toBe('https://pictor-images.s3.eu-west-1.amazonaws.com/');
    expect(upload.fields).toMatchObject({
      key: 'uploads/u/1/original',
      'Content-Type': 'image/webp',
      'X-Amz-Security-Token': 'environment-session',
    });
    expect(upload.fields['X-Amz-Credential']).toMatch(/^ASIAENVIRONMENT\/\d{8}\/eu-west-1\/s3\/aws4_request$/);
    // The policy's date has whole seconds, expiresAt keeps the milliseconds of the same instant.
    expect(lifetime).toBeGreaterThanOrEqual(300_000);
    expect(lifetime).toBeLessThan(301_000);
    expect(seen).toHaveLength(0);
  });
});

describe('uploadPresigner (POST /v1/uploads)', () => {
  it('presigns uploads and offers nothing else: that route is not wired to read or write objects', async () => {
    const { uploadPresigner } = await import('../../../lambdas/adapters/s3/presigning-store');
    const store = uploadPresigner();

    expect((await store.presignUpload('uploads/u/1/original', 'image/png', 10)).fields.key).toBe(
      'uploads/u/1/original',
    );
    expect(Object.keys(store)).toEqual(['presignUpload']);
  });
});
