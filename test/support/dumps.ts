import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { redisUrl } from './test-environment';

/** What a person's data could hide in: a whole PostgreSQL database and the whole Redis, as text. */

const run = promisify(execFile);

/** pg_dump of the newest PostgreSQL installed (a dump must be at least the server's version). */
function pgDumpPath(): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(`${root}/${v}/bin/pg_dump`))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return `${root}/${versions[0]}/bin/pg_dump`;
  }
  return 'pg_dump';
}

export async function pgDump(databaseUrl: string): Promise<string> {
  const { stdout } = await run(pgDumpPath(), ['--no-owner', '--no-privileges', databaseUrl], {
    maxBuffer: 512 * 1024 * 1024,
  });
  return stdout;
}

/** Every key (all types) of the whole Redis, with its content, as one text. */
export async function dumpRedis(): Promise<{ text: string; keys: string[] }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const parts: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === 'string') value = await redis.getBuffer(key).then((b) => b?.toString('utf8'));
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'set') value = await redis.smembers(key);
      else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
      else if (type === 'stream') value = await redis.xrange(key, '-', '+');
      else value = `<${type}>`;
      parts.push(`${key} ${type} ${JSON.stringify(value)}`);
    }
    return { text: parts.join('\n'), keys };
  } finally {
    redis.disconnect();
  }
}

export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}
