import request from 'supertest';
import { validCase } from './case-bodies';
import type { TestApp } from './test-app';

type Server = TestApp['http'];

/** Requests to the test app carrying `token` as the bearer. */
export const asBearer = (server: Server, token: string) => ({
  get: (path: string) => request(server).get(path).set('Authorization', `Bearer ${token}`),
  post: (path: string, body: object = {}, headers: Record<string, string> = {}) =>
    request(server).post(path).set('Authorization', `Bearer ${token}`).set(headers).send(body),
});

/** POST /cases as `token`, expecting 201: the new case's id and the position its opening was stored at. */
export async function openCaseAs(
  server: Server,
  token: string,
  body: object = validCase(),
): Promise<{ caseId: string; position: string }> {
  const opened = await asBearer(server, token).post('/cases', body);
  expect(opened.status).toBe(201);
  return opened.body;
}

/** GET /cases/{id} once the read model has caught up with `position`. */
export const readCaseAs = (server: Server, token: string, caseId: string, position: string) =>
  asBearer(server, token).get(`/cases/${caseId}?minPosition=${position}`);

/** GET /cases/{id}/timeline once the read model has caught up with `position`. */
export const readTimelineAs = (server: Server, token: string, caseId: string, position: string) =>
  asBearer(server, token).get(`/cases/${caseId}/timeline?minPosition=${position}`);

/** What a successful command answers: its position, and the id of what it created if it created something. */
export interface Accepted {
  position: string;
  caseId?: string;
  shelterId?: string;
  placementId?: string;
}

/** POST as `token` that must succeed: a refusal fails the test naming the step's path and the problem. */
export async function postAccepted(server: Server, token: string, path: string, body: object = {}): Promise<Accepted> {
  const response = await asBearer(server, token).post(path, body);
  const refused = response.status < 300 ? null : { status: response.status, problem: response.body };
  expect({ path, refused }).toEqual({ path, refused: null });
  return response.body;
}

/** `post` and `get` on the test app (its server read when a request is sent), the bearer's token named at each call. */
export const requestsTo = (app: Pick<TestApp, 'http'>) => ({
  post: (path: string, token: string, body: object = {}) => asBearer(app.http, token).post(path, body),
  get: (path: string, token: string) => asBearer(app.http, token).get(path),
});
