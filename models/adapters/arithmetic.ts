/**
 * A tiny arithmetic language for combining scorecard tables: numbers, names, + − * / and
 * parentheses, e.g. "R1 * (R2 + R3)". Parsed once, evaluated column-wise over a batch.
 */
export type Expr =
  | { readonly op: 'num'; readonly value: number }
  | { readonly op: 'name'; readonly name: string }
  | { readonly op: '+' | '-' | '*' | '/'; readonly left: Expr; readonly right: Expr }
  | { readonly op: 'neg'; readonly arg: Expr };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(.))/gy;

/** Parses an expression; throws an Error whose message says where it stopped. */
export function parseArithmetic(source: string): Expr {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < source.length && (m = TOKEN.exec(source)) !== null) {
    const tok = m[1] ?? m[2] ?? m[3];
    if (tok !== undefined) tokens.push(tok);
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const expect = (t: string) => {
    if (tokens[pos] !== t) throw new Error(`expected "${t}" at token ${pos + 1} of "${source}"`);
    pos++;
  };
  const primary = (): Expr => {
    const t = tokens[pos++];
    if (t === undefined) throw new Error(`unexpected end of "${source}"`);
    if (t === '(') {
      const e = sum();
      expect(')');
      return e;
    }
    if (t === '-') return { op: 'neg', arg: primary() };
    if (/^\d/.test(t)) return { op: 'num', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) return { op: 'name', name: t };
    throw new Error(`unexpected "${t}" in "${source}"`);
  };
  const product = (): Expr => {
    let e = primary();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[pos++] as '*' | '/';
      e = { op, left: e, right: primary() };
    }
    return e;
  };
  const sum = (): Expr => {
    let e = product();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++] as '+' | '-';
      e = { op, left: e, right: product() };
    }
    return e;
  };
  const e = sum();
  if (pos !== tokens.length) throw new Error(`unexpected "${tokens[pos]}" in "${source}"`);
  return e;
}

/** Names an expression refers to. */
export function expressionNames(e: Expr): string[] {
  switch (e.op) {
    case 'num': return [];
    case 'name': return [e.name];
    case 'neg': return expressionNames(e.arg);
    default: return [...expressionNames(e.left), ...expressionNames(e.right)];
  }
}

/** Evaluates column-wise: every name maps to a Float64Array of the batch length. */
export function evaluateArithmetic(e: Expr, env: ReadonlyMap<string, Float64Array>, length: number): Float64Array {
  switch (e.op) {
    case 'num': return new Float64Array(length).fill(e.value);
    case 'name': {
      const v = env.get(e.name);
      if (!v) throw new Error(`unknown name ${e.name}`);
      return v;
    }
    case 'neg': return evaluateArithmetic(e.arg, env, length).map((x) => -x);
    default: {
      const a = evaluateArithmetic(e.left, env, length);
      const b = evaluateArithmetic(e.right, env, length);
      const out = new Float64Array(length);
      for (let i = 0; i < length; i++) {
        const x = a[i]!, y = b[i]!;
        out[i] = e.op === '+' ? x + y : e.op === '-' ? x - y : e.op === '*' ? x * y : x / y;
      }
      return out;
    }
  }
}

/** A compiled expression over fixed-size buffers: no allocation per evaluation. */
export interface CompiledArithmetic {
  /** Evaluates rows [0, length) with `inputs[k]` the values of `names[k]`; returns a buffer it owns. */
  run(inputs: readonly Float64Array[], length: number): Float64Array;
}

/**
 * Compiles an expression into a fixed sequence of column-wise operations on preallocated buffers of
 * `capacity` rows, for scoring many tiles without allocating (the tree walk happens once, here).
 */
export function compileArithmetic(e: Expr, names: readonly string[], capacity: number): CompiledArithmetic {
  type Op = (inputs: readonly Float64Array[], length: number) => Float64Array;
  const build = (node: Expr): Op => {
    switch (node.op) {
      case 'num': {
        const buffer = new Float64Array(capacity).fill(node.value);
        return () => buffer;
      }
      case 'name': {
        const k = names.indexOf(node.name);
        if (k < 0) throw new Error(`unknown name ${node.name}`);
        return (inputs) => inputs[k]!;
      }
      case 'neg': {
        const arg = build(node.arg);
        const buffer = new Float64Array(capacity);
        return (inputs, length) => {
          const a = arg(inputs, length);
          for (let i = 0; i < length; i++) buffer[i] = -a[i]!;
          return buffer;
        };
      }
      default: {
        const left = build(node.left);
        const right = build(node.right);
        const buffer = new Float64Array(capacity);
        const op = node.op;
        return (inputs, length) => {
          const a = left(inputs, length);
          const b = right(inputs, length);
          if (op === '+') for (let i = 0; i < length; i++) buffer[i] = a[i]! + b[i]!;
          else if (op === '-') for (let i = 0; i < length; i++) buffer[i] = a[i]! - b[i]!;
          else if (op === '*') for (let i = 0; i < length; i++) buffer[i] = a[i]! * b[i]!;
          else for (let i = 0; i < length; i++) buffer[i] = a[i]! / b[i]!;
          return buffer;
        };
      }
    }
  };
  const root = build(e);
  return { run: (inputs, length) => root(inputs, length) };
}
