/**
 * Finds every string a route's declared contract accepts, by walking its valibot schemas
 * (objects, optional/nullable wrappers, pipes, arrays) down to each string or picklist, with the
 * path where it sits and its maximum. A schema shape the walker does not know fails loudly, so a
 * new kind of field is taught here instead of silently skipped.
 */
import { maxResourceIdLength } from '../../../lambdas/domain/shared/id-formats';
import type { RouteContract } from '../../../lambdas/shared/http/route';

/** Where a value sits in the request. */
export type RequestPart = 'body' | 'query' | 'header' | 'param';

export interface StringField {
  readonly part: RequestPart;
  /** Keys from the part's root; an array item is index 0. For a header or a param, its name. */
  readonly path: readonly (string | number)[];
  /**
   * `text`: a field people type (lambdas/domain/shared/text.ts, the only strings normalized); `picklist`: one of fixed
   * values.
   */
  readonly kind: 'text' | 'string' | 'picklist';
  readonly maxLength: number;
  /** The stable code a refused value answers with. */
  readonly code: string;
  readonly status: number;
}

/** What the walker needs of a valibot schema or action; read structurally, as valibot's own objects are plain. */
interface Node {
  readonly kind: string;
  readonly type: string;
  readonly pipe?: readonly Node[];
  readonly entries?: Readonly<Record<string, Node>>;
  readonly wrapped?: Node;
  readonly item?: Node;
  readonly options?: readonly unknown[];
  readonly requirement?: unknown;
}

type Leaf = Pick<StringField, 'path' | 'kind' | 'maxLength'>;

const containers = new Set(['object', 'strict_object', 'loose_object']);
const wrappers = new Set(['optional', 'nullable', 'nullish', 'exact_optional', 'non_optional', 'non_nullable']);
/** Leaves that carry no string. */
const nonStrings = new Set(['boolean', 'number', 'literal', 'custom', 'null', 'undefined']);

/** A pipe's steps, with the steps of a pipe it starts from (`v.pipe(boundedString(64), …)`) in place. */
function stepsOf(node: Node): Node[] {
  return (node.pipe ?? []).flatMap((step, index) => (index === 0 && step.pipe ? stepsOf(step) : [step]));
}

function stringLeaf(node: Node, path: readonly (string | number)[]): Leaf {
  const actions = stepsOf(node);
  const maxima = actions.filter((action) => action.type === 'max_length').map((action) => Number(action.requirement));
  if (maxima.length === 0) throw new Error(`the string at "${path.join('.')}" has no maximum length`);
  const kind = actions.some((action) => action.type === 'normalize') ? 'text' : 'string';
  return { path, kind, maxLength: Math.min(...maxima) };
}

function leavesOf(node: Node, path: readonly (string | number)[]): Leaf[] {
  if (node.type === 'string') return [stringLeaf(node, path)];
  if (node.type === 'picklist') {
    const options = (node.options ?? []).map(String);
    return [{ path, kind: 'picklist', maxLength: Math.max(...options.map((option) => option.length)) }];
  }
  const inner: Leaf[] = [];
  // A pipe is its first schema spread with the whole pipe: walk every schema in it (a
  // plainObject is a custom check, then the object), and each one only once.
  for (const step of node.pipe?.slice(1) ?? []) if (step.kind === 'schema') inner.push(...leavesOf(step, path));
  const first = node.pipe?.[0];
  if (first) inner.push(...leavesOf(first, path));
  else if (containers.has(node.type)) {
    for (const [key, entry] of Object.entries(node.entries ?? {})) inner.push(...leavesOf(entry, [...path, key]));
  } else if (wrappers.has(node.type) && node.wrapped) inner.push(...leavesOf(node.wrapped, path));
  else if (node.type === 'array' && node.item) inner.push(...leavesOf(node.item, [...path, 0]));
  else if (!nonStrings.has(node.type)) {
    throw new Error(`contract-strings.ts does not know the schema type "${node.type}" at "${path.join('.')}"`);
  }
  return inner;
}

/** Every string the contract accepts, with the answer a refused value gets. */
export function stringFieldsOf(contract: RouteContract): StringField[] {
  const fields: StringField[] = [];
  const invalid = { code: 'invalid_request', status: 400 };
  if (contract.body) {
    for (const leaf of leavesOf(contract.body as unknown as Node, []))
      fields.push({ ...leaf, part: 'body', ...invalid });
  }
  if (contract.query) {
    for (const leaf of leavesOf(contract.query as unknown as Node, []))
      fields.push({ ...leaf, part: 'query', ...invalid });
  }
  for (const [name, rule] of Object.entries(contract.headers ?? {})) {
    for (const leaf of leavesOf(rule.schema as unknown as Node, [name])) {
      fields.push({ ...leaf, part: 'header', code: rule.code, status: 400 });
    }
  }
  for (const name of Object.keys(contract.params ?? {})) {
    // Path ids are checked by the stack against the resource-id format: anything else is not found.
    fields.push({
      part: 'param',
      path: [name],
      kind: 'string',
      maxLength: maxResourceIdLength,
      code: 'not_found',
      status: 404,
    });
  }
  return fields;
}

/** `settings.language`, `referenceUploadIds[0]`, `header Idempotency-Key`, `param conversationId`. */
export function describeField(field: StringField): string {
  const path = field.path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index ? `.${key}` : key))
    .join('');
  return field.part === 'body' ? path : `${field.part} ${path}`;
}
