import { applyDecorators, Controller } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  type ApiResponseOptions,
  ApiTags,
} from '@nestjs/swagger';
import type { Role } from '@nrm/shared-kernel';
import { AllowRoles } from './auth-guard';

/** A controller of signed-in callers: its path, its OpenAPI tag and the bearer token it takes. */
export function ApiController(prefix: string, tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth(), Controller(prefix));
}

/** What an endpoint states besides its route: who may call it, what it does and how it answers. */
export interface EndpointDoc {
  /** Only these roles (403 for others); omitted: every signed-in caller, or the controller's roles. */
  readonly roles?: readonly Role[];
  readonly summary: string;
  /** The long description, from the folder's `*.openapi.ts`. */
  readonly description?: string | undefined;
  readonly ok?: ApiResponseOptions;
  readonly forbidden?: string;
  readonly notFound?: string;
}

/** The decorators every endpoint stacked: AllowRoles, ApiOperation and its documented answers. */
export function Endpoint(doc: EndpointDoc): MethodDecorator {
  return applyDecorators(
    ...(doc.roles ? [AllowRoles(...doc.roles)] : []),
    ApiOperation({ summary: doc.summary, ...(doc.description ? { description: doc.description } : {}) }),
    ...(doc.ok ? [ApiOkResponse(doc.ok)] : []),
    ...(doc.forbidden ? [ApiForbiddenResponse({ description: doc.forbidden })] : []),
    ...(doc.notFound ? [ApiNotFoundResponse({ description: doc.notFound })] : []),
  );
}

/** The long OpenAPI descriptions of a controller's endpoints, by method: a key that is not one fails to compile. */
export type EndpointDescriptions<Controller> = { readonly [Method in keyof Controller]?: string };
