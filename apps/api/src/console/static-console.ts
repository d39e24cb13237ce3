import { resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Environment } from '@nrm/platform';

/**
 * Serves the built console (apps/web) at `/`: index.html for `/` and the hashed assets. Only files
 * that exist are answered (none while the console is not built), so every API path (/cases, /docs, /health…) reaches the API as before.
 */
export function serveConsole(app: NestExpressApplication): void {
  const directory = resolve(app.get(Environment).CONSOLE_DIR);
  app.useStaticAssets(directory, {
    index: 'index.html',
    redirect: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      // Hashed file names change with their content; index.html must always be asked for again.
      response.setHeader('Cache-Control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable');
    },
  });
}
