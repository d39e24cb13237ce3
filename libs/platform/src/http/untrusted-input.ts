import { LONE_SURROGATE } from '@nrm/event-store';

/**
 * The checks every value from a client passes before any DTO sees it (body, query, path): what
 * PostgreSQL cannot store, what would make class-transformer recurse without end, and keys that
 * reach an object's prototype. Iterative on purpose: a body nested 50,000 levels deep must be
 * refused, not overflow the stack of the code that refuses it.
 */

export interface FieldError {
  field: string;
  messages: string[];
}

/** Deepest nesting of objects and arrays a request may carry (the deepest DTO needs 3). */
export const MAX_INPUT_DEPTH = 32;
/** Longest string anywhere (free text); fields declare tighter limits with MaxLength. */
export const MAX_TEXT_LENGTH = 10_000;
/** Most items in any one array (and fields in one object); fields declare tighter limits with ArrayMaxSize. */
export const MAX_ARRAY_ITEMS = 1_000;
/** Keys that reach or replace an object's prototype once copied into a class instance. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * C0 controls but tab, line feed and carriage return, DEL and the C1 controls: never typed by a
 * person, and NUL is what PostgreSQL's text and jsonb refuse.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** What is wrong with one string as text, or null: control characters, lone surrogates, length. */
export function textProblem(
  text: string,
  { singleLine, maxLength = MAX_TEXT_LENGTH }: { singleLine: boolean; maxLength?: number },
): string | null {
  const control = CONTROL_CHARACTER.exec(text);
  if (control) return `must not contain control characters (found ${codePointName(control[0])})`;
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text (it holds a lone surrogate)';
  if (singleLine && LINE_BREAK_OR_TAB.test(text)) return 'must be one line without tabs';
  if (text.length > maxLength) return `must be at most ${maxLength} characters long`;
  return null;
}

function codePointName(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A field's path as the DTO validation names it: `person.givenName`, `goals.0.description`. */
export function joinPath(parent: string, key: string | number): string {
  return parent ? `${parent}.${key}` : String(key);
}

/**
 * Every problem of a parsed value, each under the path of its field (`person.givenName`,
 * `goals.2.description`); `root` names the value itself. `singleLine` refuses tabs and line
 * breaks in every string (query and path values).
 */
export function inspectUntrustedInput(value: unknown, { root, singleLine }: { root: string; singleLine: boolean }) {
  const problems: FieldError[] = [];
  const report = (field: string, message: string) => problems.push({ field: field || 'body', messages: [message] });
  const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current, { singleLine });
      if (problem) report(path, `${path || 'body'} ${problem}`);
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      report(path, `${path || 'body'} is nested deeper than ${MAX_INPUT_DEPTH} levels`);
      continue;
    }
    if (Array.isArray(current)) {
      if (current.length > MAX_ARRAY_ITEMS) {
        report(path, `${path || 'body'} must hold at most ${MAX_ARRAY_ITEMS} items`);
        continue;
      }
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push({ value: current[index], path: joinPath(path, index), depth: depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > MAX_ARRAY_ITEMS) {
      report(path, `${path || 'body'} must hold at most ${MAX_ARRAY_ITEMS} fields`);
      continue;
    }
    const children: typeof pending = [];
    for (const key of keys) {
      const field = joinPath(path, key);
      if (PROTOTYPE_KEYS.has(key)) {
        report(field, `${field} is not allowed (a prototype key)`);
        continue;
      }
      const keyProblem = textProblem(key, { singleLine: true, maxLength: 200 });
      if (keyProblem) {
        report(path, `a field name in ${path || 'the body'} ${keyProblem}`);
        continue;
      }
      children.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
    // Reversed onto the stack, so problems come in the order the fields were written.
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]);
  }
  return problems;
}
