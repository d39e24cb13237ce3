import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsFilter } from '@nrm/platform/http/problem-details';
import { createValidationPipe } from '@nrm/platform/http/validation';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { serveConsole } from './console/static-console';

/** Builds the HTTP application exactly as it is served (main.ts and the end-to-end tests). */
export async function createHttpApp({ withWorker }: { withWorker: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.create({ withWorker }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  serveConsole(app);
  app.set('etag', false);
  app.disable('x-powered-by');
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NRM case backend')
      .setDescription(
        'National Referral Mechanism for victims of human trafficking: identification, referral, status decision, ' +
          'reflection period, shelter, repatriation, reintegration. Errors are application/problem+json. ' +
          'Commands accept Idempotency-Key and If-Match; reads accept minPosition to read your own writes.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
