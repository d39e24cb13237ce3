import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Environment } from '../config/environment';

/** Structured JSON logs (pino); secrets and tokens are never written. */
export const loggingModule = LoggerModule.forRootAsync({
  inject: [Environment],
  useFactory: (env: Environment) => ({
    pinoHttp: {
      level: env.LOG_LEVEL,
      genReqId: (request: IncomingMessage) => correlationIdOf(request),
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customProps: () => ({ service: 'nrm' }),
      autoLogging: { ignore: (request: IncomingMessage) => request.url === '/health' },
    },
  }),
});

/** The caller's X-Correlation-Id when it sent one, else a new one; it follows the request into events. */
export function correlationIdOf(request: IncomingMessage & { id?: unknown }): string {
  if (typeof request.id === 'string') return request.id;
  const header = request.headers['x-correlation-id'];
  const id = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
  request.id = id;
  return id;
}
