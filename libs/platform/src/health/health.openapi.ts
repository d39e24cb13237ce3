import type { EndpointDescriptions } from '../http/endpoints';
import type { HealthController } from './health.controller';

/** The long OpenAPI description of GET /health (health.controller.ts). */
export const HEALTH_OPENAPI = {
  check:
    'Checks PostgreSQL (`database`), Redis (`redis`), the event store (`eventStore`) and the projections. ' +
    '`failing` names what is wrong. 503 with `status: "error"` when a dependency does not answer; 200 with ' +
    '`status: "degraded"` when a projection stopped on an event it cannot apply (`error.projections.stopped`: ' +
    'projection, position, error; see `npm run projections`).',
} satisfies EndpointDescriptions<HealthController>;
