/**
 * A WebP decoder that cannot start is the deployment's fault, not the file's: normalizing must
 * fail loudly (a server error, the upload kept for a retry), never answer `corrupt_image`, which
 * would blame the person and delete their upload. Here the .wasm the import points at is absent.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { normalizeReferenceImage } from '../../../lambdas/adapters/images/reference-image';
import { testPattern } from './image-fixtures';
import { encodeWebp, stopWebpWorker } from './native-webp';

jest.mock('@jsquash/webp/decode', () => jest.requireActual('./native-webp').webpDecodeModule());
jest.mock('@jsquash/webp/codec/dec/webp_dec.wasm', () => ({
  __esModule: true,
  default: jest
    .requireActual('node:path')
    .join(jest.requireActual('node:os').tmpdir(), 'pictor-no-such-dir', 'webp_dec.wasm'),
}));
afterAll(() => stopWebpWorker());

it('rejects with the missing file, not with an image rejection', async () => {
  const webp = await encodeWebp(testPattern(8, 8));
  await expect(normalizeReferenceImage(webp)).rejects.toThrow(
    expect.objectContaining({ code: 'ENOENT', path: join(tmpdir(), 'pictor-no-such-dir', 'webp_dec.wasm') }),
  );
});

it('still refuses non-WebP files as before, without touching the decoder', async () => {
  const result = await normalizeReferenceImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'));
  expect(result).toMatchObject({ ok: false, code: 'unsupported_image_format' });
});
