/**
 * The HTTP edge of every library (`@nrm/platform/http`): request validation and untrusted-input
 * checks, problem+json, query parameters, If-Match, read-your-writes, command responses, rate
 * limits. Controllers use it; the application layer may not (eslint.config.mjs).
 */
export { ProblemDetailsFilter } from './problem-details';
export { Paged, type PageSizes, refuseUndecodableQuery } from './query-params';
export { ReadsFrom } from './read-your-writes';
export { ReadYourWritesDto } from './read-your-writes.dto';
export { createValidationPipe } from './validation';
export { CommandEndpoint, CommandRequest, CommandResponder } from './command-request';
export { awaitingSummary, commandController, commandRoute, givenFields, NoBodyDto } from './command-routes';
export type {
  CommandResponse,
  CommandRoute,
  CommandRouteInput,
  RouteAwaitingSummary,
  RouteOptions,
} from './command-routes';
export { ApiController, Endpoint } from './endpoints';
export { RevisionETag } from './if-match';
export type { EndpointDescriptions } from './endpoints';
export { FreeText } from './validation';
export { Field, type FieldDoc } from './fields';
