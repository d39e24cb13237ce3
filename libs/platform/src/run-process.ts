/** Starts a process; a failure to start (e.g. invalid configuration) is one clear line and exit code 1. */
export function runProcess(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
