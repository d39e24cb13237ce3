import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  type PersonalDataProtector,
  PlaintextPersonalDataProtector,
  type ProtectedPersonalData,
  type ProtectOptions,
} from '@nrm/event-store';

/** Runs one SQL statement and returns its rows (a TypeORM DataSource's or a pg Pool's `query`). */
export type SqlQuery = (sql: string, parameters: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Sends a write whose result nobody waits for. In a PostgreSQL unit of work it travels with the
 * unit's next statement or its COMMIT (one round trip less), and an error fails the unit there;
 * otherwise it runs now.
 */
export type SqlWithoutResult = (sql: string, parameters: unknown[]) => Promise<void>;

/** What an encrypted event holds instead of the personal fields (all base64). */
interface EncryptedPayload {
  iv: string;
  tag: string;
  ciphertext: string;
}

/** A personal-data protector that also destroys a person's data for good. */
export interface PersonalDataEraser {
  /** Destroys the subject's key: their data in every event becomes unreadable. Idempotent. */
  erase(subjectId: string): Promise<void>;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const KEY_BYTES = 32;
/** Written into the wrapped key's associated data, so a wrapped key cannot be moved to another subject. */
const WRAP_CONTEXT = 'nrm:personal-data-key:v1:';

/**
 * Per-person encryption of the personal data in events (crypto-shredding, DESIGN §5).
 *
 * - Each subject (personId) gets a random 256-bit data key on the first `protect`, stored in
 *   `personal_data_keys` wrapped (AES-256-GCM, own IV and tag) by the master key from the
 *   environment (PERSONAL_DATA_MASTER_KEY). Concurrent first writes agree on one key
 *   (INSERT … ON CONFLICT DO NOTHING, then SELECT).
 * - The fields are encrypted with AES-256-GCM, a fresh 96-bit IV each time, and the subject id as
 *   additional authenticated data: a payload moved to another person, or altered, fails to decrypt.
 * - `erase` sets the wrapped key to NULL (and `erased_at`): from then on `reveal` answers null, and a
 *   `protect` for that subject stores nothing personal (the 'erased' marker).
 * - Events written before this protector ('plaintext' scheme, old development databases) are still
 *   read; nothing is ever written in plaintext.
 *
 * Unwrapped keys are cached for reading, in this process, for at most KEY_CACHE_TTL_MS (and
 * KEY_CACHE_MAX entries), so replaying a stream does not unwrap the same key once per event. Writes
 * never use the cache: `protect` reads the key row every time, so nothing is encrypted under a key
 * already destroyed. `erase` empties the entry in this process at once; another process (the worker,
 * another API instance) may still decrypt with its cached copy for at most KEY_CACHE_TTL_MS after
 * the erasure, only events written before it. Read models are not affected: the projections erase
 * the data on the PersonalDataErased event, and a rebuild starts with no cache.
 */
export class EncryptedPersonalDataProtector implements PersonalDataProtector, PersonalDataEraser {
  static readonly scheme = 'aes-256-gcm.v1';
  /** Written for a subject whose key is destroyed: no personal data at all. */
  static readonly erasedScheme = 'erased';
  static readonly KEY_CACHE_TTL_MS = 10_000;
  static readonly KEY_CACHE_MAX = 1_000;

  private readonly plaintext = new PlaintextPersonalDataProtector();
  private readonly cache = new Map<string, { key: Buffer; until: number }>();

  constructor(
    private readonly query: SqlQuery,
    private readonly masterKey: Buffer,
    /**
     * Where given (PostgreSQL, one transaction per command), a new subject's key is written with the
     * unit's next round trip instead of asked for; see `protect`.
     */
    private readonly sendWithNext?: SqlWithoutResult,
    /** Ages the key cache: elapsed time, monotonic (a TTL, not a time of day). */
    private readonly now: () => number = () => performance.now(),
  ) {
    if (masterKey.length !== KEY_BYTES) throw new Error('The personal-data master key must be exactly 32 bytes');
  }

  async protect(
    subjectId: string,
    fields: Record<string, unknown>,
    options: ProtectOptions = {},
  ): Promise<ProtectedPersonalData> {
    // Writes always ask the database (never the cache): nothing is encrypted with a key that another
    // process has destroyed in the meantime. Except for a subject the event brings into being: no
    // key of theirs exists to be destroyed.
    const key =
      options.newSubject && this.sendWithNext ? await this.newKeyFor(subjectId) : await this.keyFor(subjectId, true);
    if (key === null) return { subjectId, scheme: EncryptedPersonalDataProtector.erasedScheme, payload: null };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(subjectId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
    const payload: EncryptedPayload = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
    return { subjectId, scheme: EncryptedPersonalDataProtector.scheme, payload };
  }

  async reveal(data: ProtectedPersonalData): Promise<Record<string, unknown> | null> {
    switch (data.scheme) {
      case EncryptedPersonalDataProtector.scheme:
        return this.decrypt(data);
      case EncryptedPersonalDataProtector.erasedScheme:
        return null;
      case PlaintextPersonalDataProtector.scheme:
        // Old development data: readable, but erased like any other once the subject is erased.
        return (await this.isErased(data.subjectId)) ? null : this.plaintext.reveal(data);
      default:
        throw new Error(`Unknown personal-data scheme ${data.scheme}`);
    }
  }

  async erase(subjectId: string): Promise<void> {
    this.cache.delete(subjectId);
    await this.query(
      `INSERT INTO personal_data_keys (subject_id, wrapped_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (subject_id) DO UPDATE
         SET wrapped_key = NULL, erased_at = COALESCE(personal_data_keys.erased_at, now())`,
      [subjectId],
    );
    this.cache.delete(subjectId);
  }

  /**
   * Reading a batch of events (a stream, a projection's page): the keys of all their subjects in
   * one query, into the read cache, instead of one query per subject.
   */
  async prepareToReveal(subjectIds: readonly string[]): Promise<void> {
    const missing = subjectIds.filter((subjectId) => {
      const cached = this.cache.get(subjectId);
      return !cached || cached.until <= this.now();
    });
    if (missing.length === 0) return;
    const rows = (await this.query(
      `SELECT subject_id, wrapped_key FROM personal_data_keys WHERE subject_id = ANY($1::uuid[])`,
      [missing],
    )) as { subject_id: string; wrapped_key: Buffer | null }[];
    for (const row of rows) {
      if (row.wrapped_key !== null) this.remember(row.subject_id, this.unwrap(row.subject_id, row.wrapped_key));
    }
  }

  private async decrypt(data: ProtectedPersonalData): Promise<Record<string, unknown> | null> {
    const key = await this.keyFor(data.subjectId, false);
    if (key === null) return null;
    const payload = data.payload as EncryptedPayload;
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(payload.iv, 'base64'));
    decipher.setAAD(Buffer.from(data.subjectId, 'utf8'));
    decipher.setAuthTag(Buffer.from(payload.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(payload.ciphertext, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  }

  /**
   * The subject's data key; null when erased (or, when reading, when none was ever made: data
   * without a key cannot be read). `create` makes one on the first write.
   */
  private async keyFor(subjectId: string, create: boolean): Promise<Buffer | null> {
    if (!create) {
      const cached = this.cache.get(subjectId);
      if (cached && cached.until > this.now()) return cached.key;
    }
    this.cache.delete(subjectId);

    let row: { wrapped_key: Buffer | null; inserted?: boolean } | undefined;
    if (create) {
      // One round trip, new subject or not: the stored key (or its erasure), else a new one.
      const rows = await this.query(
        `WITH inserted AS (
           INSERT INTO personal_data_keys (subject_id, wrapped_key) VALUES ($1, $2)
           ON CONFLICT (subject_id) DO NOTHING RETURNING wrapped_key)
         SELECT wrapped_key, true AS inserted FROM inserted
         UNION ALL
         SELECT wrapped_key, false FROM personal_data_keys
         WHERE subject_id = $1 AND NOT EXISTS (SELECT 1 FROM inserted)`,
        [subjectId, this.wrap(subjectId, randomBytes(KEY_BYTES))],
      );
      row = rows[0] as { wrapped_key: Buffer | null; inserted: boolean } | undefined;
    }
    // Also when a concurrent first write won after this statement's snapshot was taken: everyone
    // uses the key that is stored.
    row ??= await this.selectKey(subjectId);
    if (!row || row.wrapped_key === null) return null;
    const key = this.unwrap(subjectId, row.wrapped_key);
    // A key made just now may belong to a transaction that still rolls back (the command's unit
    // of work): it is cached only once read back from the table.
    if (!row.inserted) this.remember(subjectId, key);
    return key;
  }

  /**
   * A new subject's key, written in the command's transaction. DO NOTHING only when a retry of the
   * same command (same Idempotency-Key, so the same subject id) committed meanwhile: then this
   * transaction's append conflicts with the events of that retry (same event ids) and rolls back,
   * so nothing encrypted with the key not stored is ever committed.
   */
  private async newKeyFor(subjectId: string): Promise<Buffer> {
    const key = randomBytes(KEY_BYTES);
    await this.sendWithNext!(
      `INSERT INTO personal_data_keys (subject_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (subject_id) DO NOTHING`,
      [subjectId, this.wrap(subjectId, key)],
    );
    return key;
  }

  private async selectKey(subjectId: string): Promise<{ wrapped_key: Buffer | null } | undefined> {
    const rows = await this.query(`SELECT wrapped_key FROM personal_data_keys WHERE subject_id = $1`, [subjectId]);
    return rows[0] as { wrapped_key: Buffer | null } | undefined;
  }

  private async isErased(subjectId: string): Promise<boolean> {
    const rows = await this.query(`SELECT 1 FROM personal_data_keys WHERE subject_id = $1 AND erased_at IS NOT NULL`, [
      subjectId,
    ]);
    return rows.length > 0;
  }

  private remember(subjectId: string, key: Buffer): void {
    if (this.cache.size >= EncryptedPersonalDataProtector.KEY_CACHE_MAX) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(subjectId, { key, until: this.now() + EncryptedPersonalDataProtector.KEY_CACHE_TTL_MS });
  }

  /** iv (12) ‖ tag (16) ‖ encrypted key (32), under the master key, bound to the subject. */
  private wrap(subjectId: string, key: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.masterKey, iv);
    cipher.setAAD(Buffer.from(WRAP_CONTEXT + subjectId, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), encrypted]);
  }

  private unwrap(subjectId: string, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv(ALGORITHM, this.masterKey, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(WRAP_CONTEXT + subjectId, 'utf8'));
    decipher.setAuthTag(wrapped.subarray(IV_BYTES, IV_BYTES + 16));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES + 16)), decipher.final()]);
    } catch {
      throw new Error(
        `The data key of subject ${subjectId} cannot be unwrapped: PERSONAL_DATA_MASTER_KEY is not the key it was made with`,
      );
    }
  }
}

/** The master key from its environment form (base64 of 32 bytes; validated by Environment). */
export function masterKeyFromBase64(value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== KEY_BYTES) throw new Error('PERSONAL_DATA_MASTER_KEY must be base64 of exactly 32 bytes');
  return key;
}

export const PERSONAL_DATA_ERASER = Symbol('PERSONAL_DATA_ERASER');
