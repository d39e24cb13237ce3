import type { ArgumentsHost } from '@nestjs/common';
import { UnstorableEventError } from '@nrm/event-store';
import { ProblemDetailsFilter } from './problem-details';

/** What the filter sent: status, headers and body, as Express would have written them. */
function answer(exception: unknown) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = { headers: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    type(type: string) {
      sent.type = type;
      return response;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    send(body: string) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/cases' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { ...sent, problem: JSON.parse(sent.body ?? 'null') };
}

describe('ProblemDetailsFilter', () => {
  it('answers an event the store cannot keep with 422 storable-text naming each field, not 500', () => {
    const { status, type, problem } = answer(
      new UnstorableEventError('CaseOpened', [
        { field: 'person.givenName', messages: ['person.givenName must not contain NUL (U+0000)'] },
      ]),
    );
    expect(status).toBe(422);
    expect(type).toBe('application/problem+json');
    expect(problem).toMatchObject({
      status: 422,
      rule: 'storable-text',
      errors: [{ field: 'person.givenName', messages: ['person.givenName must not contain NUL (U+0000)'] }],
      instance: '/cases',
    });
  });
});
