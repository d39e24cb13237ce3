import { useCallback, useRef, useState } from 'react';
import { ApiError, type Problem, newIdempotencyKey, request } from './api';

/**
 * One form's submissions. The Idempotency-Key is made for a submission attempt and reused while the
 * same request is sent again (a double click, a retry after a network failure), so the server
 * records it once; a changed request gets a new key. Never two requests at once.
 */
export function useCommand<Result = { revision?: number; position?: string }>() {
  const attempt = useRef<{ key: string; request: string } | null>(null);
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = useCallback(async (path: string, body: unknown, ifMatch?: string | null): Promise<Result | null> => {
    if (inFlight.current) return null;
    const requestText = JSON.stringify([path, body ?? {}, ifMatch ?? null]);
    if (attempt.current?.request !== requestText) {
      attempt.current = { key: newIdempotencyKey(), request: requestText };
    }
    inFlight.current = true;
    setPending(true);
    setProblem(null);
    try {
      const answer = await request<Result>(path, {
        method: 'POST',
        body: body ?? {},
        idempotencyKey: attempt.current.key,
        ifMatch: ifMatch ?? undefined,
      });
      attempt.current = null;
      return answer.data;
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { status: 0, detail: String(error) });
      return null;
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  return { submit, pending, problem, clearProblem: () => setProblem(null) };
}

/** The messages of one field of a problem's `errors` (nested fields as "person.givenName"). */
export function fieldMessages(problem: Problem | null, field: string): string[] {
  return (problem?.errors ?? [])
    .filter((error) => error.field === field || error.field.endsWith(`.${field}`))
    .flatMap((error) => error.messages);
}
