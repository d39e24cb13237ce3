import type { EndpointDescriptions } from '@nrm/platform/http';
import type { ConsoleController } from './console.controller';

/** The long OpenAPI description of the console's settings (console.controller.ts). */
export const CONSOLE_OPENAPI = {
  config:
    'The OIDC issuer and client id (authorization-code flow with PKCE), the country time zone, and whether the ' +
    'demo sign-in exists.',
} satisfies EndpointDescriptions<ConsoleController>;
