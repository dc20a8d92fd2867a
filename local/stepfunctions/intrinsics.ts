/**
 * CloudFormation's intrinsic functions, evaluated the way CloudFormation would at deploy time,
 * for the few a synthesized state machine definition holds (CDK renders it as an `Fn::Join` of
 * JSON text and `Fn::GetAtt [fn, Arn]`s). What the local stack cannot know is an error that
 * names the intrinsic and where it sits: a definition with a guessed value would run differently
 * from the one that deploys.
 */

/** What the intrinsics resolve against. Each lookup answers undefined when it does not know the name. */
export interface IntrinsicScope {
  /** `AWS::Region`, `AWS::AccountId`, `AWS::Partition`, ... */
  pseudoParameter(name: string): string | undefined;
  /** `Ref` of a resource (or parameter) by logical id. */
  ref(logicalId: string): string | undefined;
  /** `Fn::GetAtt` of a resource. */
  getAtt(logicalId: string, attribute: string): string | undefined;
  /** The value another stack exports under `name`, already resolved. */
  importValue(name: string): unknown;
}

export class UnresolvedIntrinsicError extends Error {
  constructor(
    /** The intrinsic as written, e.g. `Fn::GetAtt [Role, Arn]`. */
    readonly intrinsic: string,
    reason: string,
    /** Where in the value it sits, e.g. `DefinitionString`. */
    readonly where: string,
  ) {
    super(`${intrinsic} in ${where} cannot be resolved locally: ${reason}`);
    this.name = 'UnresolvedIntrinsicError';
  }
}

type Intrinsic = (argument: unknown, scope: IntrinsicScope, where: string) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A scalar CloudFormation would splice into a string: strings, and numbers as their text. */
function asText(value: unknown, intrinsic: string, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new UnresolvedIntrinsicError(intrinsic, `it needs a string, and got ${JSON.stringify(value)}`, where);
}

function asList(value: unknown, intrinsic: string, where: string): unknown[] {
  if (!Array.isArray(value))
    throw new UnresolvedIntrinsicError(intrinsic, `it needs a list, and got ${JSON.stringify(value)}`, where);
  return value;
}

function getAtt(logicalId: string, attribute: string, scope: IntrinsicScope, where: string): string {
  const value = scope.getAtt(logicalId, attribute);
  if (value === undefined) {
    throw new UnresolvedIntrinsicError(
      `Fn::GetAtt [${logicalId}, ${attribute}]`,
      'the local stack knows no value for that attribute',
      where,
    );
  }
  return value;
}

function ref(name: string, scope: IntrinsicScope, where: string): string {
  const value = name.startsWith('AWS::') ? scope.pseudoParameter(name) : scope.ref(name);
  if (value === undefined)
    throw new UnresolvedIntrinsicError(`Ref ${name}`, 'the local stack knows no value for it', where);
  return value;
}

/** `${Name}`, `${Resource.Attribute}` and the literal `${!Text}`, as Fn::Sub reads its template. */
function substitute(
  template: string,
  variables: Record<string, unknown>,
  scope: IntrinsicScope,
  where: string,
): string {
  return template.replace(/\$\{([^}]*)\}/g, (_whole, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (Object.hasOwn(variables, name)) return asText(variables[name], `Fn::Sub \${${name}}`, where);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), scope, where);
    return ref(name, scope, where);
  });
}

const intrinsics: Record<string, Intrinsic> = {
  Ref: (argument, scope, where) => ref(asText(argument, 'Ref', where), scope, where),

  'Fn::GetAtt': (argument, scope, where) => {
    const parts =
      typeof argument === 'string'
        ? argument.split(/\.(.*)/s, 2)
        : asList(resolveIntrinsics(argument, scope, where), 'Fn::GetAtt', where);
    if (parts.length !== 2)
      throw new UnresolvedIntrinsicError(
        'Fn::GetAtt',
        `it needs [logicalId, attribute], and got ${JSON.stringify(argument)}`,
        where,
      );
    return getAtt(asText(parts[0], 'Fn::GetAtt', where), asText(parts[1], 'Fn::GetAtt', where), scope, where);
  },

  'Fn::Join': (argument, scope, where) => {
    const [delimiter, list] = asList(argument, 'Fn::Join', where);
    const items = asList(resolveIntrinsics(list, scope, where), 'Fn::Join', where);
    return items.map((item) => asText(item, 'Fn::Join', where)).join(asText(delimiter, 'Fn::Join', where));
  },

  'Fn::Sub': (argument, scope, where) => {
    if (typeof argument === 'string') return substitute(argument, {}, scope, where);
    const [template, variables] = asList(argument, 'Fn::Sub', where);
    const resolved = resolveIntrinsics(variables ?? {}, scope, where);
    if (!isRecord(resolved)) throw new UnresolvedIntrinsicError('Fn::Sub', 'its variables must be a map', where);
    return substitute(asText(template, 'Fn::Sub', where), resolved, scope, where);
  },

  'Fn::ImportValue': (argument, scope, where) => {
    const name = asText(resolveIntrinsics(argument, scope, where), 'Fn::ImportValue', where);
    const value = scope.importValue(name);
    if (value === undefined)
      throw new UnresolvedIntrinsicError(`Fn::ImportValue ${name}`, 'no synthesized stack exports that name', where);
    return value;
  },

  'Fn::Select': (argument, scope, where) => {
    const [index, list] = asList(argument, 'Fn::Select', where);
    const items = asList(resolveIntrinsics(list, scope, where), 'Fn::Select', where);
    const position = Number(resolveIntrinsics(index, scope, where));
    if (!Number.isInteger(position) || position < 0 || position >= items.length) {
      throw new UnresolvedIntrinsicError(
        'Fn::Select',
        `index ${String(index)} is outside a list of ${items.length}`,
        where,
      );
    }
    return items[position];
  },

  'Fn::Split': (argument, scope, where) => {
    const [delimiter, text] = asList(argument, 'Fn::Split', where);
    return asText(resolveIntrinsics(text, scope, where), 'Fn::Split', where).split(
      asText(delimiter, 'Fn::Split', where),
    );
  },
};

/** The single key of an object that is an intrinsic function call, or undefined for a plain object. */
function intrinsicKey(value: Record<string, unknown>): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys;
  return key === 'Ref' || key.startsWith('Fn::') || key === 'Condition' ? key : undefined;
}

/**
 * `value` with every intrinsic replaced by what it evaluates to. Anything it cannot evaluate
 * (an unknown resource, an unsupported function such as Fn::If) throws UnresolvedIntrinsicError.
 */
export function resolveIntrinsics(value: unknown, scope: IntrinsicScope, where = 'value'): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, scope, where));
  if (!isRecord(value)) return value;
  const key = intrinsicKey(value);
  if (key === undefined)
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, resolveIntrinsics(item, scope, where)]),
    );
  const intrinsic = Object.hasOwn(intrinsics, key) ? intrinsics[key] : undefined;
  if (!intrinsic)
    throw new UnresolvedIntrinsicError(key, 'the local stack does not evaluate this intrinsic function', where);
  return intrinsic(value[key], scope, where);
}
