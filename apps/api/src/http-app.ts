import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Environment, ProcessLogger } from '@nrm/platform';
import { ProblemDetailsFilter, refuseUndecodableQuery, createValidationPipe } from '@nrm/platform/http';
import type { Clock } from '@nrm/shared-kernel';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { serveConsole } from './console/static-console';

/**
 * Builds the HTTP application exactly as it is served (main.ts and the end-to-end tests); tests may
 * give it a clock they move on.
 */
export async function createHttpApp(options: { withWorker: boolean; clock?: Clock }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.create(options), {
    bufferLogs: true,
    logger: new ProcessLogger(),
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  // JSON (and forms) up to the configured size; what they hold is checked by the validation pipe.
  const { HTTP_BODY_LIMIT_BYTES } = app.get(Environment);
  app.useBodyParser('json', { limit: HTTP_BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: HTTP_BODY_LIMIT_BYTES, extended: true });
  app.use(refuseUndecodableQuery);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveConsole(app);
  app.set('etag', false);
  app.disable('x-powered-by');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NRM case backend')
      .setDescription(
        'National Referral Mechanism for victims of human trafficking: identification, referral, status decision, ' +
          'reflection period, shelter, repatriation, reintegration. Errors are application/problem+json. ' +
          'Commands accept Idempotency-Key and If-Match; reads accept minPosition to read your own writes. ' +
          'Every text is checked at the edge (400 naming each field): no control characters (line breaks only in ' +
          'free text), no lone surrogates, bounded lengths, nesting at most 32 levels, no __proto__/constructor/' +
          'prototype keys, bodies are JSON objects.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
