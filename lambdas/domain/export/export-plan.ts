/**
 * What an export holds, decided once when it starts (docs/export.md): `data.json` (every table
 * item the person owns, filed into sections), `README.txt`, and every stored object under their
 * prefixes with a name a person can follow (`images/<conversation>/…`, `references/…`). Pure: the
 * items and the object keys come in, names and bytes go out.
 */
import type { PlannedObject } from './data-export';
import { conversationFolder, imageEntryName } from './zip-layout';

export type StoredItem = Readonly<Record<string, unknown>>;

/** How stored items read for an export (adapters/dynamodb/items/export.ts): the domain knows no item layout. */
export interface ExportItemCodec {
  /** The item's section of data.json and the record shown there (known kinds by name, the rest under `other`). */
  sectionOf(item: StoredItem): { section: string; record: StoredItem };
  conversationOf(item: StoredItem): { conversationId: string; title?: string } | undefined;
  imageOf(item: StoredItem): { objectKey: string; generationId: string; conversationId: string } | undefined;
}

/** Sections that hold one record rather than a list. */
const singleSections = new Set(['profile']);

/** data.json: the export's date, its format, and every item in its section. */
export function dataDocument(items: readonly StoredItem[], codec: ExportItemCodec, exportedAt: string): unknown {
  const sections: Record<string, unknown> = {};
  for (const item of items) {
    const { section, record } = codec.sectionOf(item);
    if (singleSections.has(section)) sections[section] = record;
    else sections[section] = [...((sections[section] as StoredItem[] | undefined) ?? []), record];
  }
  return { format: 'pictor-export/1', exportedAt, itemCount: items.length, ...sections };
}

/** The archive's own names for the person's stored objects, from their items (titles, generations). */
export function plannedObjects(
  userId: string,
  keys: readonly string[],
  items: readonly StoredItem[],
  codec: ExportItemCodec,
): PlannedObject[] {
  const folders = new Map<string, string>();
  const byGeneration = new Map<string, { objectKey: string; conversationId: string }[]>();
  for (const item of items) {
    const conversation = codec.conversationOf(item);
    if (conversation)
      folders.set(conversation.conversationId, conversationFolder(conversation.conversationId, conversation.title));
    const image = codec.imageOf(item);
    if (image) byGeneration.set(image.generationId, [...(byGeneration.get(image.generationId) ?? []), image]);
  }
  const folderOf = (conversationId: string) =>
    folders.get(conversationId) ?? conversationFolder(conversationId, undefined);
  const imageNames = new Map<string, string>();
  for (const [generationId, images] of byGeneration) {
    [...images]
      .sort((a, b) => a.objectKey.localeCompare(b.objectKey))
      .forEach((image, index) => {
        const extension = image.objectKey.split('.').pop() ?? 'png';
        imageNames.set(
          image.objectKey,
          imageEntryName(folderOf(image.conversationId), generationId, index + 1, extension),
        );
      });
  }
  return keys.map((key) => ({ key, name: imageNames.get(key) ?? otherObjectName(userId, key, folderOf) }));
}

/** References under their conversation, uploads under `references/uploads/`, anything else under `files/`. */
function otherObjectName(userId: string, key: string, folderOf: (conversationId: string) => string): string {
  // Keys are built by objectKeys (../storage/object-keys.ts) from ids without `/`.
  const conversations = `users/${userId}/conversations/`;
  const uploads = `uploads/${userId}/`;
  if (key.startsWith(conversations)) {
    const [conversationId, ...rest] = key.slice(conversations.length).split('/');
    const file = rest.join('/');
    if (file.includes('-reference-')) return `references/${folderOf(conversationId)}/${file}`;
  }
  if (key.startsWith(uploads)) {
    const [uploadId, ...rest] = key.slice(uploads.length).split('/');
    return `references/uploads/${uploadId}-${rest.join('-')}`;
  }
  return `files/${key}`;
}

/** README.txt: what each file of the archive holds. */
export function readme(exportedAt: string, sections: readonly string[]): string {
  return [
    'Your Pictor data export',
    `Made ${exportedAt}.`,
    '',
    'data.json',
    '  Everything Pictor keeps about you in its database, one section per kind of data:',
    ...sections.map((section) => `  - ${section}${sectionNotes[section] ? `: ${sectionNotes[section]}` : ''}`),
    '  Dates are UTC (ISO 8601); credit amounts are whole credits.',
    '',
    'images/<conversation title (id)>/<generation>-<n>.png',
    '  The images you generated, the original bytes, by conversation.',
    'references/<conversation title (id)>/…  and  references/uploads/…',
    '  The reference images you uploaded and the copies a generation used.',
    'missing.txt (only if present)',
    '  Files deleted while the export was being made.',
    '',
    'Questions: POST /v1/support-requests with category privacy, or the app or bot support.',
    '',
  ].join('\n');
}

const sectionNotes: Readonly<Record<string, string>> = {
  profile: 'your account, settings, consents and credit balance',
  consents: 'each age confirmation and policy acceptance, with its version and time',
  creditLedger: 'every credit grant, spend and refund',
  conversations: 'your conversations and their titles',
  generations: 'each prompt with its model, parameters and outcome',
  images: 'each stored image: size, conversation, favorite and removal marks',
  references: 'your reference uploads',
  imageActions: 'saves and shares you made (the action log)',
  storeGrants: 'subscription and credit-pack purchases',
  storeEvents: 'what the app stores reported about your purchases',
  other: 'every other kind of record, each with its kind',
};
