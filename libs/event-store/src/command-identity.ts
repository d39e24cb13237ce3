import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';

/**
 * The identity of a request that may be retried: its caller's scope and Idempotency-Key. Inside
 * `runAsIdentifiedCommand`, the ids a command makes (event ids, and the id of a stream it creates)
 * derive from that identity (UUID v5), so a retry of the same request writes the very same events
 * to the very same stream. EventStoreDB then recognises a repeated append by its event ids and
 * treats it as done, and handleCommand finds events already appended by an earlier attempt (a
 * process killed after its append) instead of deciding again. Without an identity, ids are random.
 *
 * Carried in the async context (AsyncLocalStorage) rather than as a parameter, because it crosses
 * the command bus and every context's handler unchanged; only id generation reads it.
 */
const current = new AsyncLocalStorage<IdentifiedCommand>();

/** One attempt of an identified request. */
export class IdentifiedCommand {
  /** Set once the command has started an append: from then on it may have been written. */
  appendStarted = false;
  readonly name: string;

  constructor(scope: string, idempotencyKey: string) {
    this.name = JSON.stringify([scope, idempotencyKey]);
  }
}

/** RFC 4122 namespace of this application's derived ids (a fixed random UUID). */
const NAMESPACE = '6f2b1c52-d1a8-4d7e-9b0e-3f5a8c4d2e17';

export function runAsIdentifiedCommand<T>(command: IdentifiedCommand, work: () => Promise<T>): Promise<T> {
  return current.run(command, work);
}

/** handleCommand calls it right before an append. */
export function noteAppendStarted(): void {
  const command = current.getStore();
  if (command) command.appendStarted = true;
}

/** True inside runAsIdentifiedCommand. */
export function hasCommandIdentity(): boolean {
  return current.getStore() !== undefined;
}

/** The id of the index-th event this command appends to `streamName`. */
export function commandEventId(streamName: string, index: number): string {
  const command = current.getStore();
  return command === undefined ? randomUUID() : uuidV5(`${command.name}\nevent\n${streamName}\n${index}`);
}

/** An id the command makes for something new (a case, a person, a placement), named by `purpose`. */
export function commandDerivedId(purpose: string): string {
  const command = current.getStore();
  return command === undefined ? randomUUID() : uuidV5(`${command.name}\nid\n${purpose}`);
}

/** UUID version 5 (RFC 4122 §4.3: SHA-1 of namespace and name). */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
