/**
 * lib/constructs/lambda-defaults.ts leaves `@smithy/core/event-streams` out of every bundle: the
 * SDK imports it lazily, only for an operation that streams events. This holds the premise: no
 * runtime module sends such an operation (S3 SelectObjectContent, Bedrock's InvokeModelWith…Stream
 * and ConverseStream, Kinesis SubscribeToShard), so the missing module is never asked for.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { runtimeRoot, sourceFiles } from '../../support/runtime-sources';
import { lambdaBundling } from '../../../lib/constructs/lambda-defaults';

/** Every name a module imports from an `@aws-sdk/client-*` package or the DynamoDB document client. */
function sdkImports(source: string): string[] {
  const imports = source.matchAll(
    /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'@aws-sdk\/(?:client-[\w-]+|lib-dynamodb)'/g,
  );
  return [...imports].flatMap((match) => match[1].split(',').map((name) => name.trim().replace(/^type\s+/, '')));
}

const eventStreamOperation = /Stream\w*Command$|^SelectObjectContentCommand$|^SubscribeToShardCommand$/;

it('leaves the event-stream serde out of the bundles', () => {
  expect(lambdaBundling.externalModules).toContain('@smithy/core/event-streams');
});

it('finds the SDK commands the runtime sends', () => {
  const commands = sourceFiles(runtimeRoot).flatMap((file) => sdkImports(readFileSync(file, 'utf8')));

  expect(commands).toEqual(expect.arrayContaining(['QueryCommand', 'SendMessageCommand']));
});

it.each(sourceFiles(runtimeRoot).map((file) => [relative(runtimeRoot, file), file]))(
  '%s sends no operation that streams events',
  (_name, file) => {
    const streaming = sdkImports(readFileSync(file, 'utf8')).filter((name) => eventStreamOperation.test(name));

    expect(streaming).toEqual([]);
  },
);
