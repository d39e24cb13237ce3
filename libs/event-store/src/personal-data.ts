/**
 * The one boundary personal data crosses on its way into and out of events. The domain hands over
 * plain values; what is stored is whatever the protector makes of them. Replacing the protector
 * with per-person encryption (crypto-shredding) touches neither the domain nor the stores.
 */
export interface ProtectedPersonalData {
  /** Whose data this is: the key owner when encrypted. */
  subjectId: string;
  /** How `payload` is written, so old events stay readable when the scheme changes. */
  scheme: string;
  payload: unknown;
}

/** What the codec knows of the subject when it protects an event's fields. */
export interface ProtectOptions {
  /** The event brings the subject into being (introducesSubject): no key can exist for it yet. */
  newSubject?: boolean;
}

export interface PersonalDataProtector {
  protect(subjectId: string, fields: Record<string, unknown>, options?: ProtectOptions): Promise<ProtectedPersonalData>;
  /** The fields, or null when the subject's data has been erased. */
  reveal(data: ProtectedPersonalData): Promise<Record<string, unknown> | null>;
  /** Optional: get ready to reveal the data of these subjects (e.g. fetch their keys at once). */
  prepareToReveal?(subjectIds: readonly string[]): Promise<void>;
}

/**
 * Stores the fields as they are. The scheme name keeps such events recognisable later. The processes
 * never write with it (they use the per-person AES-256-GCM protector of libs/platform/src/personal-data,
 * which still reads this scheme in old development databases); it serves the codec's unit tests.
 */
export class PlaintextPersonalDataProtector implements PersonalDataProtector {
  static readonly scheme = 'plaintext';

  async protect(subjectId: string, fields: Record<string, unknown>): Promise<ProtectedPersonalData> {
    return { subjectId, scheme: PlaintextPersonalDataProtector.scheme, payload: fields };
  }

  async reveal(data: ProtectedPersonalData): Promise<Record<string, unknown> | null> {
    if (data.scheme !== PlaintextPersonalDataProtector.scheme) {
      throw new Error(`No protector configured for personal-data scheme ${data.scheme}`);
    }
    return data.payload as Record<string, unknown>;
  }
}

export const PERSONAL_DATA_PROTECTOR = Symbol('PERSONAL_DATA_PROTECTOR');
