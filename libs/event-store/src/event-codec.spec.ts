import { EventCodec, type EventTypeDefinition } from './event-codec';
import { UnstorableEventError } from './storable-text';
import type { EventMetadata, RecordedEvent } from './event-store.port';
import {
  type PersonalDataProtector,
  PlaintextPersonalDataProtector,
  type ProtectedPersonalData,
} from './personal-data';

const metadata: EventMetadata = {
  actorId: 'officer-1',
  organisationId: 'police-baku',
  correlationId: 'correlation-1',
  occurredAt: '2026-11-21T10:00:00.000Z',
};

/** v1 held one `name`; v2 splits it into `givenName` and `familyName`. */
const definitions: Record<string, EventTypeDefinition> = {
  PersonRegistered: {
    schemaVersion: 2,
    personalFields: ['givenName', 'familyName', 'name'],
    subjectField: 'personId',
    upcasters: {
      1: ({ name, ...rest }) => {
        const [givenName, ...family] = String(name ?? '').split(' ');
        return { ...rest, givenName, familyName: family.join(' ') };
      },
    },
  },
  NoteAdded: { schemaVersion: 1, personalFields: ['text'] },
};

function recorded(type: string, schemaVersion: number, data: Record<string, unknown>): RecordedEvent {
  return {
    id: 'e0b4d7a4-7a0b-4bd8-9a43-9d3c8d1a1f00',
    type,
    schemaVersion,
    data,
    metadata,
    streamName: 'person-p1',
    revision: 0n,
    globalPosition: 7n,
    recordedAt: new Date(),
  };
}

/** Stands in for a crypto-shredding protector whose subject's key was destroyed. */
class ErasingProtector implements PersonalDataProtector {
  async protect(subjectId: string, fields: Record<string, unknown>): Promise<ProtectedPersonalData> {
    return { subjectId, scheme: 'test-erasable', payload: fields };
  }
  async reveal(): Promise<Record<string, unknown> | null> {
    return null;
  }
}

describe('EventCodec', () => {
  const codec = new EventCodec(definitions, new PlaintextPersonalDataProtector());

  it('moves personal fields into personalData on encode and back on decode', async () => {
    const encoded = await codec.encode(
      { type: 'PersonRegistered', data: { personId: 'p1', givenName: 'Aysel', familyName: 'Mammadova', age: 30 } },
      metadata,
    );
    expect(encoded.type).toBe('PersonRegistered');
    expect(encoded.schemaVersion).toBe(2);
    expect(encoded.metadata).toEqual(metadata);
    expect(encoded.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(encoded.data).toEqual({
      personId: 'p1',
      age: 30,
      personalData: {
        subjectId: 'p1',
        scheme: 'plaintext',
        payload: { givenName: 'Aysel', familyName: 'Mammadova' },
      },
    });
    expect(encoded.data).not.toHaveProperty('givenName');
    expect(encoded.data).not.toHaveProperty('familyName');

    const decoded = await codec.decode(recorded(encoded.type, encoded.schemaVersion, encoded.data));
    expect(decoded.data).toEqual({ personId: 'p1', givenName: 'Aysel', familyName: 'Mammadova', age: 30 });
    expect(decoded.personalDataErased).toBe(false);
    expect(decoded.metadata).toEqual(metadata);
    expect(decoded.streamName).toBe('person-p1');
    expect(decoded.globalPosition).toBe(7n);
  });

  it('leaves events without personal data as they are', async () => {
    const encoded = await codec.encode({ type: 'PersonRegistered', data: { personId: 'p1', age: 30 } }, metadata);
    expect(encoded.data).toEqual({ personId: 'p1', age: 30 });
    const decoded = await codec.decode(recorded(encoded.type, encoded.schemaVersion, encoded.data));
    expect(decoded.data).toEqual({ personId: 'p1', age: 30 });
    expect(decoded.personalDataErased).toBe(false);
  });

  it('brings a v1 event up to v2 on read', async () => {
    const stored = recorded('PersonRegistered', 1, {
      personId: 'p1',
      personalData: { subjectId: 'p1', scheme: 'plaintext', payload: { name: 'Aysel Mammadova' } },
    });
    const decoded = await codec.decode(stored);
    expect(decoded.data).toEqual({ personId: 'p1', givenName: 'Aysel', familyName: 'Mammadova' });
  });

  it('refuses an old version it has no upcaster for', async () => {
    const strict = new EventCodec(
      { PersonRegistered: { ...definitions.PersonRegistered, upcasters: {} } },
      new PlaintextPersonalDataProtector(),
    );
    await expect(strict.decode(recorded('PersonRegistered', 1, { personId: 'p1' }))).rejects.toThrow(/upcaster/);
  });

  it('marks personal data erased when the protector cannot reveal it, without personal fields', async () => {
    const erasing = new EventCodec(definitions, new ErasingProtector());
    const encoded = await erasing.encode(
      { type: 'PersonRegistered', data: { personId: 'p1', givenName: 'Aysel', familyName: 'Mammadova', age: 30 } },
      metadata,
    );
    const decoded = await erasing.decode(recorded(encoded.type, encoded.schemaVersion, encoded.data));
    expect(decoded.personalDataErased).toBe(true);
    expect(decoded.data).toEqual({ personId: 'p1', age: 30 });
    expect(decoded.data).not.toHaveProperty('personalData');
    expect(decoded.data).not.toHaveProperty('givenName');
    expect(decoded.data).not.toHaveProperty('familyName');
  });

  it('refuses to encode personal data without a subject', async () => {
    await expect(
      codec.encode({ type: 'PersonRegistered', data: { givenName: 'Aysel', familyName: 'Mammadova' } }, metadata),
    ).rejects.toThrow(/without a subject/);
    await expect(codec.encode({ type: 'NoteAdded', data: { text: 'secret' } }, metadata)).rejects.toThrow(
      /without a subject/,
    );
  });

  it('refuses unknown event types', async () => {
    expect(codec.knows('PersonRegistered')).toBe(true);
    expect(codec.knows('Unknown')).toBe(false);
    await expect(codec.encode({ type: 'Unknown', data: {} }, metadata)).rejects.toThrow(/Unknown event type/);
  });

  describe('text PostgreSQL cannot store', () => {
    /** Counts what reaches encryption: an unstorable event must be refused before it. */
    class CountingProtector extends PlaintextPersonalDataProtector {
      protected = 0;
      override async protect(subjectId: string, fields: Record<string, unknown>) {
        this.protected++;
        return super.protect(subjectId, fields);
      }
    }

    async function refusal(
      data: Record<string, unknown>,
      meta: EventMetadata = metadata,
    ): Promise<{ error: UnstorableEventError; protector: CountingProtector }> {
      const protector = new CountingProtector();
      const error = await new EventCodec(definitions, protector).encode({ type: 'PersonRegistered', data }, meta).then(
        () => null,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UnstorableEventError);
      return { error: error as UnstorableEventError, protector };
    }

    it('refuses NUL in a personal field before encrypting it, naming the field', async () => {
      const { error, protector } = await refusal({ personId: 'p1', givenName: 'A\u0000B', familyName: 'M' });
      expect(error.fields.map((f) => f.field)).toEqual(['givenName']);
      expect(error.message).toMatch(/PersonRegistered cannot be stored: givenName .*NUL/);
      expect(protector.protected).toBe(0);
    });

    it('refuses lone surrogates anywhere in the data and the metadata, each by its path', async () => {
      const { error } = await refusal(
        { personId: 'p1', places: [{ name: 'ok' }, { name: 'x\ud800' }], note: '\udc00' },
        { ...metadata, correlationId: 'c\u0000' },
      );
      expect(error.fields.map((f) => f.field).sort()).toEqual(['metadata.correlationId', 'note', 'places.1.name']);
    });

    it('keeps well-formed text: pairs of surrogates (emoji), line breaks, any script', async () => {
      const encoded = await codec.encode(
        { type: 'PersonRegistered', data: { personId: 'p1', givenName: 'Ay\u{1F600}sel', familyName: 'Məm\nmədova' } },
        metadata,
      );
      expect(encoded.data.personalData).toMatchObject({ payload: { givenName: 'Ay\u{1F600}sel' } });
    });
  });
});
