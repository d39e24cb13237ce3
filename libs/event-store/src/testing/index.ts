export { newStreamName, newTestEvent } from './event-store.contract';
