import {
  type Environment,
  createEventStore,
  integrityAnchorKey,
  type IntegrityReport,
  StoreIntegrity,
} from '@nrm/platform';
import { systemClock } from '@nrm/shared-kernel';
import { Pool } from 'pg';

/**
 * `npm run verify-integrity`: every stream's hash chain and the latest anchor; exit code 1 on a
 * break (each broken stream is named with its first broken revision). `--anchor` first records an
 * anchor of every stream's head, as the worker does periodically.
 */
export async function verifyIntegrityCommand(env: Environment, args: string[], print: (line: string) => void) {
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 2 });
  const sql = async (text: string, parameters: unknown[]) => (await pool.query(text, parameters)).rows;
  const handle = createEventStore(env, (error) => print(`event store: ${String(error)}`), sql);
  const integrity = new StoreIntegrity(handle.store, sql, integrityAnchorKey(env), systemClock);
  try {
    if (args.includes('--anchor')) {
      const anchor = await integrity.anchor();
      print(`anchor ${anchor.id} at ${anchor.anchoredAt}: ${anchor.streams} stream heads signed`);
    }
    const report = await integrity.verifyAll();
    for (const line of describe(report)) print(line);
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
    await pool.end();
  }
}

function describe(report: IntegrityReport): string[] {
  const { anchor } = report;
  const lines = report.streams.map(
    (stream) =>
      `BROKEN ${stream.stream} at revision ${stream.firstBrokenRevision} (${stream.problem}): ${stream.detail}`,
  );
  lines.push(
    anchor === null
      ? 'no anchor yet: the removal of a stream’s last events cannot be detected'
      : anchor.ok
        ? `latest anchor ${anchor.id} at ${anchor.anchoredAt}: signature valid, ${anchor.streams} stream heads`
        : `BROKEN latest anchor ${anchor.id} at ${anchor.anchoredAt}: ${anchor.problem}`,
  );
  lines.push(
    report.ok
      ? `integrity ok: ${report.streamsChecked} stream(s) verified`
      : `integrity BROKEN: ${report.streams.length} of ${report.streamsChecked} stream(s) broken${anchor?.ok === false ? ', anchor invalid' : ''}`,
  );
  return lines;
}
