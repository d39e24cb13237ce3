import {
  inspectUntrustedInput,
  MAX_ARRAY_ITEMS,
  MAX_INPUT_DEPTH,
  MAX_TEXT_LENGTH,
  textProblem,
} from './untrusted-input';

const body = (value: unknown) => inspectUntrustedInput(value, { root: '', singleLine: false });
const fields = (value: unknown) => body(value).map((problem) => problem.field);

describe('inspectUntrustedInput', () => {
  it('passes ordinary input, any script and emoji included', () => {
    expect(body({ person: { givenName: 'Gülşən 🌸', familyName: 'Алиева' }, notes: 'line\nline\ttab', n: 3 })).toEqual(
      [],
    );
  });

  it('names every string with NUL, another control character or a lone surrogate, by its path', () => {
    expect(
      fields({
        person: { givenName: 'A\u0000B', familyName: 'ok' },
        goals: [{ description: 'ok' }, { description: '\u001b[31m' }],
        reasons: ['x\ud800', '\udc00', '\u{1F600}'],
        del: '\u007f',
      }),
    ).toEqual(['person.givenName', 'goals.1.description', 'reasons.0', 'reasons.1', 'del']);
  });

  it('refuses tabs and line breaks only where every value is one line (query, path)', () => {
    expect(inspectUntrustedInput({ q: 'a\nb' }, { root: '', singleLine: true })).toEqual([
      { field: 'q', messages: ['q must be one line without tabs'] },
    ]);
    expect(inspectUntrustedInput('a\tb', { root: 'id', singleLine: true })[0].field).toBe('id');
  });

  it('bounds every string and array', () => {
    expect(fields({ text: 'x'.repeat(MAX_TEXT_LENGTH) })).toEqual([]);
    expect(fields({ text: 'x'.repeat(MAX_TEXT_LENGTH + 1) })).toEqual(['text']);
    expect(fields({ list: new Array(MAX_ARRAY_ITEMS + 1).fill(0) })).toEqual(['list']);
    const wide = Object.fromEntries(Array.from({ length: MAX_ARRAY_ITEMS + 1 }, (_, i) => [`f${i}`, i]));
    expect(fields({ wide })).toEqual(['wide']);
  });

  it('refuses nesting deeper than the limit without recursing (50,000 levels)', () => {
    const deep = JSON.parse(`{"a":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    const problems = body(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0].field.split('.')).toHaveLength(MAX_INPUT_DEPTH);
    expect(problems[0].messages[0]).toMatch(/nested deeper than 32 levels/);
    expect(body(JSON.parse(`{"a":${'['.repeat(MAX_INPUT_DEPTH - 1)}${']'.repeat(MAX_INPUT_DEPTH - 1)}}`))).toEqual([]);
  });

  it('refuses prototype keys anywhere, as JSON.parse makes them own keys', () => {
    expect(fields(JSON.parse('{"__proto__":{},"a":{"constructor":1,"b":[{"prototype":2}]}}'))).toEqual([
      '__proto__',
      'a.constructor',
      'a.b.0.prototype',
    ]);
  });

  it('names the root of a value that is itself bad', () => {
    expect(fields('\u0000')).toEqual(['body']);
  });
});

describe('textProblem', () => {
  it('says what is wrong', () => {
    expect(textProblem('a\u0000', { singleLine: false })).toBe('must not contain control characters (found U+0000)');
    expect(textProblem('\ud800', { singleLine: false })).toMatch(/lone surrogate/);
    expect(textProblem('abc', { singleLine: true, maxLength: 2 })).toBe('must be at most 2 characters long');
    expect(textProblem('a\r\nb', { singleLine: false })).toBeNull();
  });
});
