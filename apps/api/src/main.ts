import 'reflect-metadata';
import { runProcess, Environment, enableBoundedShutdown } from '@nrm/platform';
import { Logger } from 'nestjs-pino';
import { createHttpApp } from './http-app';

/** `node main.js` serves the API; `--with-worker` also runs projections in this process. */
async function bootstrap(): Promise<void> {
  const app = await createHttpApp({ withWorker: process.argv.includes('--with-worker') });
  const env = app.get(Environment);
  await app.listen(env.PORT, env.HOST);
  enableBoundedShutdown(app, app.get(Logger), app.getHttpServer());
}

runProcess(bootstrap);
