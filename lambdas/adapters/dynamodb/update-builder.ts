/**
 * Builds UpdateExpression, names and values from typed calls, with every attribute name behind
 * a placeholder (reserved words such as `status` need it, and user-chosen keys never reach the
 * expression text).
 */
type Path = string | readonly string[];

export interface Condition {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface BuiltUpdate {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

export class UpdateBuilder {
  private readonly sets: string[] = [];
  private readonly removes: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly values: Record<string, unknown> = {};

  set(path: Path, value: unknown): this {
    this.sets.push(`${this.pathOf(path)} = ${this.valueOf(value)}`);
    return this;
  }

  setIfNotExists(path: Path, value: unknown): this {
    const target = this.pathOf(path);
    this.sets.push(`${target} = if_not_exists(${target}, ${this.valueOf(value)})`);
    return this;
  }

  remove(path: Path): this {
    this.removes.push(this.pathOf(path));
    return this;
  }

  /** @param condition a guard with its own placeholders (they must not start with `#n` or `:v`). */
  build(condition?: Condition): BuiltUpdate {
    const clauses = [];
    if (this.sets.length > 0) clauses.push(`SET ${this.sets.join(', ')}`);
    if (this.removes.length > 0) clauses.push(`REMOVE ${this.removes.join(', ')}`);
    const names = {
      ...Object.fromEntries([...this.names].map(([name, placeholder]) => [placeholder, name])),
      ...condition?.names,
    };
    const values = { ...this.values, ...condition?.values };
    return {
      UpdateExpression: clauses.join(' '),
      ...(condition ? { ConditionExpression: condition.expression } : {}),
      ExpressionAttributeNames: names,
      ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
    };
  }

  private pathOf(path: Path): string {
    return (typeof path === 'string' ? [path] : path).map((segment) => this.nameOf(segment)).join('.');
  }

  private nameOf(name: string): string {
    let placeholder = this.names.get(name);
    if (!placeholder) {
      placeholder = `#n${this.names.size}`;
      this.names.set(name, placeholder);
    }
    return placeholder;
  }

  private valueOf(value: unknown): string {
    const placeholder = `:v${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    return placeholder;
  }
}
