import type { LoggerService } from '@nestjs/common';
import pino from 'pino';

/**
 * The process's own log before its Nest logger is up, and of a failure to start: JSON lines like
 * every other log (LOG_LEVEL is not known yet, as the settings may be what failed).
 */
export const processLog = pino({ base: { service: 'nrm', pid: process.pid } });

/** Nest's logger while the application is being built (also its start-up errors): JSON, never coloured text. */
export class ProcessLogger implements LoggerService {
  log(message: unknown, ...context: unknown[]): void {
    this.write('info', message, context);
  }
  error(message: unknown, ...context: unknown[]): void {
    this.write('error', message, context);
  }
  warn(message: unknown, ...context: unknown[]): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, ...context: unknown[]): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, ...context: unknown[]): void {
    this.write('trace', message, context);
  }

  private write(level: pino.Level, message: unknown, context: unknown[]): void {
    const name = context.filter((item): item is string => typeof item === 'string').at(-1);
    if (message instanceof Error) processLog[level]({ err: message, context: name }, message.message);
    else processLog[level]({ context: name }, typeof message === 'string' ? message : JSON.stringify(message));
  }
}
