import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { ROLES } from '@nrm/shared-kernel';
import { validCase } from './support/case-bodies';
import { countEvents } from './support/events';
import { useTestApp, WITHOUT_APPROVALS } from './support/test-app';

/**
 * Thousands of malformed requests to every endpoint the API documents (read from its own
 * /docs-json, so a new endpoint is covered without touching this file), each sent by a caller
 * whose roles allow the endpoint. Every one must be refused with a 4xx problem+json, none may
 * append, and the projections must go on afterwards. The requests are derived, not random, so a
 * failure names the same request on every run.
 */

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minimum?: number;
  maximum?: number;
}

interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface MalformedRequest {
  /** The documented endpoint, e.g. `post /cases/{id}/close`. */
  endpoint: string;
  what: string;
  method: 'get' | 'post';
  url: string;
  body?: string;
  /** The field the refusal must name (a 400 listing it in `errors`), when one is to blame. */
  field?: string;
}

/** Text no field may hold: NUL, other controls, lone surrogates, too long for any field. */
const BAD_TEXTS: [string, string][] = [
  ['NUL', 'A\u0000B'],
  ['only NUL', '\u0000'],
  ['a C0 control', 'bell\u0007'],
  ['a terminal escape', '\u001b[31mred'],
  ['DEL', 'del\u007f'],
  ['a C1 control', 'csi\u009b'],
  ['a lone high surrogate', 'x\ud800'],
  ['a lone low surrogate', '\udc00x'],
  ['a pair the wrong way round', '\udc00\ud800'],
  ['10,001 characters', 'x'.repeat(10_001)],
];
/** The same, as they arrive in a URL (percent-encoded UTF-8, or bytes that are not UTF-8). */
const BAD_URL_TEXTS: [string, string][] = [
  ['NUL', 'a%00b'],
  ['a C0 control', 'bell%07'],
  ['a line break', 'a%0Ab'],
  ['a C1 control', 'csi%C2%9B'],
  ['an encoded lone surrogate', '%ED%A0%80'],
  ['10,001 characters', 'x'.repeat(10_001)],
];
const BAD_NUMBERS: [string, string][] = [
  ['beyond bigint', '99999999999999999999'],
  ['negative', '-1'],
  ['a fraction', '1.5'],
  ['infinite', '1e400'],
  ['hexadecimal', '0x10'],
  ['not a number', 'NaN'],
];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];
const BODY_LIMIT_BYTES = 262_144;

describe('Malformed input to every endpoint', () => {
  const t = useTestApp({
    // Thousands of requests from one caller: the rate limit would answer 429 instead of the check.
    env: { ...WITHOUT_APPROVALS, RATE_LIMIT_PER_MINUTE: '0' },
    users: {
      // One caller whose roles allow every endpoint, so each request reaches the endpoint's own checks.
      everyone: {
        sub: 'fuzz-1',
        name: 'Everyone at once',
        org: 'national-coordinator',
        orgType: 'coordinator',
        roles: [...ROLES],
      },
    },
  });
  let baseUrl: string;
  let document: OpenApiDocument;
  const ids: Record<string, string> = {};
  /** How many events one valid POST /cases appends. */
  let eventsPerCase: number;

  beforeAll(async () => {
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
    document = (await request(baseUrl).get('/docs-json').expect(200)).body as OpenApiDocument;

    // Real resources behind the path ids, so a request that slipped through would change something.
    const before = await countEvents(t.database.url);
    const opened = await post('/cases', validCase()).expect(201);
    eventsPerCase = (await countEvents(t.database.url)) - before;
    ids.cases = opened.body.caseId;
    const shelter = await post('/shelters', {
      name: 'Fuzz Sığınacağı',
      operatorOrgId: 'national-coordinator',
      region: 'Bakı',
      beds: 3,
      accepts: ['women', 'men'],
    }).expect(201);
    ids.shelters = shelter.body.shelterId;
    const placement = await post(`/cases/${ids.cases}/placements`, {
      shelterId: ids.shelters,
      needs: ['medical-care'],
    }).expect(201);
    ids.placements = placement.body.placementId;
    ids.notifications = '00000000-0000-4000-8000-000000000000';
  }, 60_000);

  function post(path: string, body: object) {
    return request(baseUrl).post(path).set('Authorization', `Bearer ${t.tokens.everyone}`).send(body);
  }

  function resolve(schema: Schema | undefined): Schema {
    if (!schema) return {};
    if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.length === 1) return { ...resolve(schema.allOf[0]), ...schema, allOf: undefined };
    return schema;
  }

  /** A plausible value from the document's examples: the mutations below each break one thing in it. */
  function sample(raw: Schema): unknown {
    const schema = resolve(raw);
    if (schema.properties) {
      return Object.fromEntries(Object.entries(schema.properties).map(([key, property]) => [key, sample(property)]));
    }
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'array') return [sample(schema.items ?? { type: 'string' })];
    if (schema.type === 'number' || schema.type === 'integer') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return true;
    return 'text';
  }

  /** Every field of a body, nested objects and the first item of arrays included, with its path. */
  function fieldsOf(raw: Schema, path: string[] = []): { path: string[]; schema: Schema }[] {
    const schema = resolve(raw);
    return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
      const field = { path: [...path, key], schema: resolve(property) };
      const item = field.schema.type === 'array' ? resolve(field.schema.items) : undefined;
      return [
        field,
        ...fieldsOf(field.schema, field.path),
        ...(item?.properties ? fieldsOf(item, [...field.path, '0']) : []),
      ];
    });
  }

  function withValue(body: unknown, path: string[], value: unknown): unknown {
    const copy = structuredClone(body) as Record<string, unknown>;
    let holder = copy;
    for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[path.at(-1)!] = value;
    return copy;
  }

  /** JSON with an own key that an object literal would turn into a prototype instead. */
  function withOwnKey(body: unknown, path: string[], key: string): string {
    const copy = structuredClone(body) as Record<string, unknown>;
    let holder = copy;
    for (const part of path) holder = holder[part] as Record<string, unknown>;
    Object.defineProperty(holder, key, { value: { polluted: true }, enumerable: true });
    return JSON.stringify(copy);
  }

  function bodyMutations(schema: Schema): { what: string; body: string; field?: string }[] {
    const baseline = sample(schema);
    const mutations: { what: string; body: string; field?: string }[] = [];
    for (const { path, schema: field } of fieldsOf(schema)) {
      const name = path.join('.');
      if (field.type === 'string' || (field.type === 'array' && resolve(field.items).type === 'string')) {
        for (const [what, text] of BAD_TEXTS) {
          const value = field.type === 'array' ? [text] : text;
          mutations.push({
            what: `${name} with ${what}`,
            body: JSON.stringify(withValue(baseline, path, value)),
            field: field.type === 'array' ? `${name}.0` : name,
          });
        }
      }
      const wrongTypes: [string, string][] =
        field.type === 'number' || field.type === 'integer'
          ? [...BAD_NUMBERS.filter(([what]) => what !== 'hexadecimal' && what !== 'not a number'), ['a string', '"12"']]
          : field.type === 'boolean'
            ? [
                ['a string', '"true"'],
                ['a number', '1'],
              ]
            : field.type === 'array'
              ? [
                  ['a string', '"text"'],
                  ['an object', '{}'],
                  ['a number', '7'],
                ]
              : field.properties
                ? [
                    ['an array', '[]'],
                    ['a string', '"text"'],
                    ['a number', '7'],
                  ]
                : [
                    ['a number', '12345'],
                    ['an object', '{}'],
                    ['an array', '[]'],
                    ['a boolean', 'true'],
                  ];
      for (const [what, json] of wrongTypes) {
        // A placeholder string, then swapped for the raw JSON (1e400 has no JavaScript value that stays it).
        const placeholder = 'replace-me-with-raw-json';
        const body = JSON.stringify(withValue(baseline, path, placeholder)).replace(`"${placeholder}"`, json);
        mutations.push({ what: `${name} as ${what}`, body, field: name });
      }
      if (field.properties) {
        for (const key of PROTOTYPE_KEYS) {
          mutations.push({ what: `${name}.${key}`, body: withOwnKey(baseline, path, key), field: `${name}.${key}` });
        }
      }
    }
    for (const key of PROTOTYPE_KEYS) {
      mutations.push({ what: `a top-level ${key}`, body: withOwnKey(baseline, [], key), field: key });
    }
    mutations.push(
      { what: 'a field name with NUL', body: JSON.stringify({ ...(baseline as object), 'x\u0000': 1 }) },
      { what: 'an array body', body: '[]', field: 'body' },
      { what: 'the body inside an array', body: JSON.stringify([baseline]), field: 'body' },
      { what: 'a string body', body: '"text"' },
      { what: 'a number body', body: '42' },
      { what: 'a null body', body: 'null' },
      { what: 'cut-off JSON', body: JSON.stringify(baseline).slice(0, -1) },
      { what: 'JSON with bare keys', body: '{a: 1}' },
      { what: 'arrays nested 40 deep', body: `{"deep":${'['.repeat(40)}${']'.repeat(40)}}` },
      { what: 'arrays nested 50,000 deep', body: `{"deep":${'['.repeat(50_000)}${']'.repeat(50_000)}}` },
      { what: 'objects nested 10,000 deep', body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
      { what: 'an array of 100,000 items', body: `{"many":[${'0,'.repeat(99_999)}0]}` },
      {
        what: 'a body beyond the size limit',
        body: JSON.stringify({ ...(baseline as object), padding: 'x'.repeat(BODY_LIMIT_BYTES) }),
      },
    );
    return mutations;
  }

  function malformedRequests(): MalformedRequest[] {
    const requests: MalformedRequest[] = [];
    for (const [template, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (method !== 'get' && method !== 'post') throw new Error(`add ${method} to the malformed-input test`);
        const endpoint = `${method} ${template}`;
        const parameters = operation.parameters ?? [];
        const resource = template.split('/')[1];
        const url = (id: string, query = '') => template.replace('{id}', id) + query;
        const realId = ids[resource];
        const bodySchema = operation.requestBody?.content['application/json']?.schema;
        const validBody = bodySchema ? JSON.stringify(sample(bodySchema)) : undefined;

        if (parameters.some((p) => p.in === 'path')) {
          for (const [what, text] of [...BAD_URL_TEXTS, ['not a uuid', 'not-a-uuid'] as [string, string]]) {
            // Express refuses what it cannot decode (400) before any pipe could name the field.
            const named = what !== 'an encoded lone surrogate';
            requests.push({
              endpoint,
              what: `id ${what}`,
              method,
              url: url(text),
              body: validBody,
              field: named ? 'id' : undefined,
            });
          }
        }
        for (const parameter of parameters.filter((p) => p.in === 'query')) {
          const schema = resolve(parameter.schema);
          const query = (value: string) => `?${parameter.name}=${value}`;
          const values: [string, string][] = [...BAD_URL_TEXTS, ['given twice', 'a&' + parameter.name + '=b']];
          if (schema.type === 'integer' || schema.type === 'number' || parameter.name === 'minPosition') {
            values.push(...BAD_NUMBERS);
          }
          if (schema.type === 'boolean') values.push(['not a boolean', 'yes']);
          for (const [what, value] of values) {
            requests.push({
              endpoint,
              what: `${parameter.name} ${what}`,
              method,
              url: url(realId ?? ids.notifications, query(value)),
              body: validBody,
              field: parameter.name,
            });
          }
        }
        if (method === 'post' && bodySchema) {
          for (const mutation of bodyMutations(bodySchema)) {
            requests.push({ ...mutation, endpoint, method, url: url(realId ?? ids.notifications) });
          }
        }
      }
    }
    return requests;
  }

  async function send(malformed: MalformedRequest): Promise<string | null> {
    let call = request(baseUrl)[malformed.method](malformed.url).set('Authorization', `Bearer ${t.tokens.everyone}`);
    if (malformed.body !== undefined) call = call.set('Content-Type', 'application/json').send(malformed.body);
    const response = await call;
    const where = `${malformed.method.toUpperCase()} ${malformed.url.slice(0, 80)} (${malformed.what})`;
    if (response.status < 400 || response.status >= 500) return `${where}: ${response.status}`;
    if (!/^application\/problem\+json/.test(response.headers['content-type'] ?? '')) {
      return `${where}: ${response.status} as ${response.headers['content-type']}`;
    }
    if (malformed.field !== undefined) {
      const fields: string[] = (response.body.errors ?? []).map((e: { field: string }) => e.field);
      const named = fields.some((f) => f === malformed.field || f.startsWith(`${malformed.field}.`));
      if (response.status !== 400 || !named) {
        return `${where}: ${response.status} naming ${JSON.stringify(fields)}, not ${malformed.field}`;
      }
    }
    return null;
  }

  it('refuses every one with a 4xx problem+json naming the field, appends nothing, and the read side goes on', async () => {
    const requests = malformedRequests();
    const endpoints = new Set(requests.map((r) => r.endpoint));
    expect(requests.length).toBeGreaterThan(2_000);
    // Every documented endpoint with an input gets malformed requests (the listing is derived, not kept by hand).
    expect(endpoints.size).toBeGreaterThan(35);
    const eventsBefore = await countEvents(t.database.url);

    const failures: string[] = [];
    const concurrency = 8;
    for (let start = 0; start < requests.length; start += concurrency) {
      const outcomes = await Promise.all(requests.slice(start, start + concurrency).map(send));
      failures.push(...outcomes.filter((outcome): outcome is string => outcome !== null));
    }
    expect(failures).toEqual([]);
    expect(await countEvents(t.database.url)).toBe(eventsBefore);

    // The read side did not stop: a new case is readable by its author with its position.
    const opened = await post('/cases', validCase()).expect(201);
    expect(await countEvents(t.database.url)).toBe(eventsBefore + eventsPerCase);
    const read = await request(baseUrl)
      .get(`/cases/${opened.body.caseId}?minPosition=${opened.body.position}`)
      .set('Authorization', `Bearer ${t.tokens.everyone}`);
    expect(read.status).toBe(200);
    expect(read.headers['x-read-model-caught-up']).toBe('true');
    const list = await request(baseUrl)
      .get(`/cases?minPosition=${opened.body.position}`)
      .set('Authorization', `Bearer ${t.tokens.everyone}`);
    expect(list.headers['x-read-model-caught-up']).toBe('true');
    expect(list.body.items.map((item: { id: string }) => item.id)).toContain(opened.body.caseId);
  }, 180_000);
});
