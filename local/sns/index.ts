/**
 * The local alarm topic: a node:http server answering the one SNS call Pictor's functions make,
 * Publish (the Query protocol: a form-encoded POST, an XML answer), and keeping every message
 * it got, so a test can assert that a minor_safety report paged someone, and `npm start` prints
 * each one. Handlers reach it through the standard AWS_ENDPOINT_URL_SNS, with the topic ARN the
 * `publishSafetyAlerts` capability sets in AWS. Signatures are not checked (as with s3rver).
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { envNames } from '../../lambdas/shared/config';
import { localRegion } from '../config';

/** The local stack's alarm topic (an AWS-shaped ARN, account 000000000000). */
export const localAlarmTopicArn = `arn:aws:sns:${localRegion}:000000000000:pictor-local-alarms`;

export interface PublishedMessage {
  topicArn: string;
  subject?: string;
  message: string;
}

export interface LocalSns {
  readonly url: string;
  /** AWS_ENDPOINT_URL_SNS and SAFETY_ALERT_TOPIC_ARN for the handlers. */
  readonly env: Record<string, string>;
  /** Every message published so far, oldest first. */
  published(): PublishedMessage[];
  close(): Promise<void>;
}

const maxRequestBytes = 256 * 1024;

export async function startLocalSns(options: { port?: number; log?: (line: string) => void } = {}): Promise<LocalSns> {
  const published: PublishedMessage[] = [];
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > maxRequestBytes) break;
    }
    const form = new URLSearchParams(text);
    const xml = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() });
      res.end(body);
    };
    const topicArn = form.get('TopicArn');
    const body = form.get('Message');
    if (req.method !== 'POST' || form.get('Action') !== 'Publish' || !topicArn || !body) {
      xml(400, '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameter</Code></Error></ErrorResponse>');
      return;
    }
    const message: PublishedMessage = {
      topicArn,
      subject: form.get('Subject') ?? undefined,
      message: body,
    };
    published.push(message);
    options.log?.(`alarm topic: ${message.subject ?? '(no subject)'} ${message.message}`);
    const messageId = randomUUID();
    xml(200, `<PublishResponse><PublishResult><MessageId>${messageId}</MessageId></PublishResult></PublishResponse>`);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    env: { [envNames.snsEndpoint]: url, [envNames.safetyAlertTopicArn]: localAlarmTopicArn },
    published: () => [...published],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
