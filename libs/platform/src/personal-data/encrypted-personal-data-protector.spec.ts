import { randomBytes, randomUUID } from 'node:crypto';
import { EventCodec, PlaintextPersonalDataProtector, type ProtectedPersonalData } from '@nrm/event-store';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-database';
import { EncryptedPersonalDataProtector, type SqlQuery } from './encrypted-personal-data-protector';

describe('EncryptedPersonalDataProtector (AES-256-GCM, per-person keys in PostgreSQL)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let query: SqlQuery;
  const masterKey = randomBytes(32);
  const fields = { person: { givenName: 'Gülnarə', familyName: 'Qasımova-Spec' }, narrative: 'Found at the border' };

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 8 });
    query = (sql, parameters) => pool.query(sql, parameters).then((result) => result.rows);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  const protector = (key = masterKey) => new EncryptedPersonalDataProtector(query, key);

  it('a batch of events (EventCodec.decodeAll) fetches the keys of all its subjects in one query', async () => {
    const writer = protector();
    const subjects = Array.from({ length: 20 }, () => randomUUID());
    const stored = await Promise.all(subjects.map((subject) => writer.protect(subject, fields)));
    let queries = 0;
    const counting: SqlQuery = (sql, parameters) => {
      queries++;
      return query(sql, parameters);
    };
    const reader = new EncryptedPersonalDataProtector(counting, masterKey);
    const codec = new EventCodec(
      { Opened: { schemaVersion: 1, personalFields: ['person'], subjectField: 'id' } },
      reader,
    );
    const recorded = stored.map((personalData, index) => ({
      type: 'Opened',
      schemaVersion: 1,
      data: { id: subjects[index], personalData },
      metadata: { actorId: 'u', organisationId: 'o', correlationId: 'c', occurredAt: '2026-11-22T00:00:00Z' },
      streamName: `s-${index}`,
      revision: 0n,
      globalPosition: BigInt(index),
    }));
    const decoded = await codec.decodeAll(recorded as never);
    expect(decoded.map((event) => event.data)).toEqual(subjects.map((id) => ({ id, ...fields })));
    expect(queries).toBe(1);
  });

  it('round trip: what is stored holds no plaintext, and reveals to the fields', async () => {
    const subject = randomUUID();
    const stored = await protector().protect(subject, fields);
    expect(stored.scheme).toBe('aes-256-gcm.v1');
    expect(stored.subjectId).toBe(subject);
    expect(Object.keys(stored.payload as object).sort()).toEqual(['ciphertext', 'iv', 'tag']);
    expect(JSON.stringify(stored)).not.toMatch(/Qasımova|Gülnarə|border/);
    // A fresh instance (no cache) reads it through the stored, wrapped key.
    expect(await protector().reveal(stored)).toEqual(fields);
    const [row] = await query(`SELECT wrapped_key, erased_at FROM personal_data_keys WHERE subject_id = $1`, [subject]);
    expect((row.wrapped_key as Buffer).length).toBe(12 + 16 + 32);
    expect(row.erased_at).toBeNull();
  });

  it('every protect uses a fresh IV', async () => {
    const subject = randomUUID();
    const a = await protector().protect(subject, fields);
    const b = await protector().protect(subject, fields);
    expect((a.payload as { iv: string }).iv).not.toBe((b.payload as { iv: string }).iv);
  });

  it('a wrong master key cannot read (and says so)', async () => {
    const subject = randomUUID();
    const stored = await protector().protect(subject, fields);
    await expect(protector(randomBytes(32)).reveal(stored)).rejects.toThrow(/PERSONAL_DATA_MASTER_KEY/);
  });

  it('tampering fails: altered ciphertext, altered tag, or a payload moved to another person', async () => {
    const subject = randomUUID();
    const other = randomUUID();
    const stored = await protector().protect(subject, fields);
    await protector().protect(other, { x: 1 });
    const payload = stored.payload as { iv: string; tag: string; ciphertext: string };
    const flipped = Buffer.from(payload.ciphertext, 'base64');
    flipped[0] ^= 1;
    await expect(
      protector().reveal({ ...stored, payload: { ...payload, ciphertext: flipped.toString('base64') } }),
    ).rejects.toThrow();
    const tag = Buffer.from(payload.tag, 'base64');
    tag[3] ^= 1;
    await expect(
      protector().reveal({ ...stored, payload: { ...payload, tag: tag.toString('base64') } }),
    ).rejects.toThrow();
    await expect(protector().reveal({ ...stored, subjectId: other })).rejects.toThrow();
  });

  it('erase: reveal answers null, later writes store nothing personal, erasing again is harmless', async () => {
    const subject = randomUUID();
    const writer = protector();
    const stored = await writer.protect(subject, fields);
    expect(await writer.reveal(stored)).toEqual(fields); // cached in this instance
    await writer.erase(subject);
    expect(await writer.reveal(stored)).toBeNull();
    expect(await protector().reveal(stored)).toBeNull();
    const [row] = await query(`SELECT wrapped_key, erased_at FROM personal_data_keys WHERE subject_id = $1`, [subject]);
    expect(row.wrapped_key).toBeNull();
    expect(row.erased_at).toBeInstanceOf(Date);

    const later = await writer.protect(subject, fields);
    expect(later).toEqual({ subjectId: subject, scheme: 'erased', payload: null });
    expect(await writer.reveal(later)).toBeNull();

    await writer.erase(subject);
    const [again] = await query(`SELECT erased_at FROM personal_data_keys WHERE subject_id = $1`, [subject]);
    expect(again.erased_at).toEqual(row.erased_at);
  });

  it('a subject erased before any data was written gets none stored either', async () => {
    const subject = randomUUID();
    await protector().erase(subject);
    expect((await protector().protect(subject, fields)).scheme).toBe('erased');
  });

  it('concurrent first writes of one subject end with one key that reads everything', async () => {
    const subject = randomUUID();
    const writers = Array.from({ length: 8 }, () => protector());
    const stored = await Promise.all(writers.map((writer, i) => writer.protect(subject, { i })));
    const [{ count }] = await query(`SELECT count(*)::int AS count FROM personal_data_keys WHERE subject_id = $1`, [
      subject,
    ]);
    expect(count).toBe(1);
    const reader = protector();
    expect(await Promise.all(stored.map((data) => reader.reveal(data)))).toEqual(stored.map((_, i) => ({ i })));
  });

  it("still reads the old 'plaintext' scheme, unless the subject is erased", async () => {
    const subject = randomUUID();
    const old: ProtectedPersonalData = await new PlaintextPersonalDataProtector().protect(subject, fields);
    expect(await protector().reveal(old)).toEqual(fields);
    await protector().erase(subject);
    expect(await protector().reveal(old)).toBeNull();
  });

  it('through the codec: an event keeps its non-personal data and marks the personal data erased', async () => {
    const codec = new EventCodec(
      { CaseOpened: { schemaVersion: 1, personalFields: ['person'], subjectField: 'personId' } },
      protector(),
    );
    const personId = randomUUID();
    const encoded = await codec.encode(
      { type: 'CaseOpened', data: { caseId: 'c', personId, person: fields.person, sex: 'female' } },
      { actorId: 'a', organisationId: 'o', correlationId: 'x', occurredAt: '2026-11-21T10:00:00.000Z' },
    );
    expect(JSON.stringify(encoded)).not.toContain('Qasımova');
    const recorded = { ...encoded, streamName: 's', revision: 0n, globalPosition: 1n, recordedAt: new Date() };
    expect((await codec.decode(recorded)).data).toMatchObject({ person: fields.person, sex: 'female' });
    await protector().erase(personId);
    const erased = await new EventCodec(
      { CaseOpened: { schemaVersion: 1, personalFields: ['person'], subjectField: 'personId' } },
      protector(),
    ).decode(recorded);
    expect(erased.personalDataErased).toBe(true);
    expect(erased.data).toEqual({ caseId: 'c', personId, sex: 'female' });
  });
});
