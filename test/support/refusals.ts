import type { Response } from 'supertest';
import { countEvents } from './events';

/** The content type of every refusal: an RFC 9457 problem document. */
export const PROBLEM = /^application\/problem\+json/;

/**
 * A refused command: the status, problem+json naming the rule with a human detail, and nothing
 * appended to the event store (a domain-rule violation never appends an event).
 */
export async function expectRefusedWithNothingAppended(
  databaseUrl: string,
  send: () => Promise<Response>,
  status: number,
  rule: string,
): Promise<Response> {
  const before = await countEvents(databaseUrl);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(PROBLEM);
  expect(response.body).toMatchObject({ status, rule, detail: expect.any(String) });
  expect(await countEvents(databaseUrl)).toBe(before);
  return response;
}

/**
 * A refusal already answered: the status, problem+json naming the rule, and the event store still
 * holding the `eventsBefore` events counted before the command was sent.
 */
export async function expectRefusalLeftEvents(
  databaseUrl: string,
  response: Response,
  status: number,
  rule: string,
  eventsBefore: number,
): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(PROBLEM);
  expect(response.body.rule).toBe(rule);
  expect(await countEvents(databaseUrl)).toBe(eventsBefore);
}

/** Each of the commands `sends` refused with the same status and rule, each appending nothing. */
export async function expectEachRefusedWithNothingAppended(
  databaseUrl: string,
  status: number,
  rule: string,
  sends: (() => Promise<Response>)[],
): Promise<void> {
  for (const send of sends) await expectRefusedWithNothingAppended(databaseUrl, send, status, rule);
}
