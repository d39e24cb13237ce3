import { eventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The contract against a real EventStoreDB, when one is configured. There is no sound way here to
 * sever the client's gRPC connection from outside, so the resubscription test is not run for it.
 */
const connection = process.env.EVENTSTORE_CONNECTION_STRING;

if (!connection) {
  // eslint-disable-next-line no-console
  console.warn(
    'SKIPPED: EventStoreDB contract tests — set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run them',
  );
}

const describeIfEsdb = connection ? describe : describe.skip;

describeIfEsdb('EsdbEventStore', () => {
  eventStoreContract('EventStoreDB', async () => {
    const store = new EsdbEventStore(connection as string, { retryMinMs: 20, retryMaxMs: 500 });
    return { store, close: () => store.close() };
  });
});
