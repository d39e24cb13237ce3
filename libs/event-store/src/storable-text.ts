/**
 * What neither PostgreSQL (text, jsonb) nor a JSON encoder can hold faithfully: NUL and lone
 * surrogates. The HTTP edge refuses them first; the codec checks again before any append, so a
 * path the edge missed fails one command instead of stopping every projection on the event.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface UnstorableField {
  field: string;
  messages: string[];
}

/** An event the store could not keep: nothing was appended. */
export class UnstorableEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly fields: UnstorableField[],
  ) {
    super(`${eventType} cannot be stored: ${fields.map((f) => `${f.field} (${f.messages.join('; ')})`).join(', ')}`);
  }
}

function storableTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  return null;
}

/** Every string (and key) under `value` that cannot be stored, by its path below `root`. */
export function findUnstorableText(value: unknown, root: string): UnstorableField[] {
  const found: UnstorableField[] = [];
  const seen = new Set<object>();
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = storableTextProblem(current);
      if (problem) found.push({ field: path, messages: [`${path} ${problem}`] });
      continue;
    }
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    for (const [key, item] of Object.entries(current)) {
      const field = path ? `${path}.${key}` : key;
      const keyProblem = storableTextProblem(key);
      if (keyProblem) found.push({ field: path, messages: [`a field name in ${path || 'the event'} ${keyProblem}`] });
      pending.push({ value: item, path: field });
    }
  }
  return found.reverse();
}
