const NOT_READY = Symbol('NOT_READY');

/**
 * Groups what an async iterable has ready into arrays of at most `maxSize`, without waiting for
 * more: a burst becomes one batch (one transaction), a lone event is handled at once.
 */
export async function* batchesOf<T>(source: AsyncIterable<T>, maxSize: number): AsyncIterable<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  try {
    while (true) {
      const first = await (pending ?? iterator.next());
      pending = null;
      if (first.done) return;
      const batch = [first.value];
      let sourceDone = false;
      while (batch.length < maxSize) {
        pending = iterator.next();
        const next = await Promise.race([pending, new Promise<typeof NOT_READY>((r) => setImmediate(r, NOT_READY))]);
        if (next === NOT_READY) break;
        pending = null;
        if (next.done) {
          sourceDone = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
      if (sourceDone) return;
    }
  } finally {
    if (!pending) await iterator.return?.();
  }
}
