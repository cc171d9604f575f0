/**
 * JSON and YAML keep a key named `__proto__` as an ordinary own key, but zod's records and any
 * `out[key] = value` assignment turn it into the object's prototype and drop it: a population
 * variable or a coefficient for a level named `__proto__` would vanish without a word. Config
 * objects pass through {@link shieldProtoKeys} before validation and {@link restoreProtoKeys} after,
 * so that such a key survives as an own, enumerable key.
 */
// A valid identifier (population variable names must be), and not one anybody writes.
const SHIELD = '__proto__shielded_by_disparate__';

/** Renames every own `__proto__` key of a parsed JSON/YAML value, in place, to a key zod keeps. */
export function shieldProtoKeys(value: unknown): unknown {
  walk(value, '__proto__', SHIELD);
  return value;
}

/** Undoes {@link shieldProtoKeys} on the validated value, in place, keeping key order. */
export function restoreProtoKeys<T>(value: T): T {
  walk(value, SHIELD, '__proto__');
  return value;
}

/** The text of a path or message with the shield removed (for error messages). */
export function unshield(text: string): string {
  return text.split(SHIELD).join('__proto__');
}

function walk(value: unknown, from: string, to: string): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const keys = Object.keys(v);
    const obj = v as Record<string, unknown>;
    if (keys.includes(from)) {
      // Every key is removed and redefined in order, so the renamed one keeps its place.
      for (const k of keys) {
        const x = obj[k];
        delete obj[k];
        Object.defineProperty(obj, k === from ? to : k, { value: x, enumerable: true, writable: true, configurable: true });
      }
    }
    for (const k of keys) stack.push(Object.getOwnPropertyDescriptor(obj, k === from ? to : k)?.value);
  }
}
