import { InvalidConfigurationError, loadEnvironment } from './config/environment';
import { processLog } from './logging/process-log';

/**
 * Starts a process. A failure to start is one JSON log line (a bad setting names every bad
 * variable) and exit code 1; the settings are checked before anything else starts.
 */
export function runProcess(start: () => Promise<void>): void {
  try {
    loadEnvironment();
  } catch (error) {
    failToStart(error);
    return;
  }
  start().catch(failToStart);
}

function failToStart(error: unknown): never {
  if (error instanceof InvalidConfigurationError) {
    const variables = error.invalidSettings.map(({ variable }) => variable);
    processLog.fatal(
      { invalidSettings: error.invalidSettings },
      `invalid configuration: ${variables.join(', ')}; the process does not start`,
    );
  } else {
    processLog.fatal({ err: error }, 'failed to start');
  }
  process.exit(1);
}
