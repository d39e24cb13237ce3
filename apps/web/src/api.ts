/** The API on the same origin: bearer token, problem+json answers, Idempotency-Key and If-Match. */

export interface FieldError {
  field: string;
  messages: string[];
}

export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  rule?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

let bearerToken: string | null = null;
let onUnauthorised: () => void = () => undefined;

export function useBearerToken(token: string | null, whenRefused: () => void = () => undefined): void {
  bearerToken = token;
  onUnauthorised = whenRefused;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: string;
  accept?: string;
}

export interface ApiAnswer<T> {
  data: T;
  etag: string | null;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (bearerToken) headers.Authorization = `Bearer ${bearerToken}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    // The network failed: status 0, so the form offers to send the same request again (same key).
    throw new ApiError({ status: 0 });
  }
  if (response.status === 401) onUnauthorised();
  if (!response.ok) {
    let problem: Problem = { status: response.status };
    try {
      problem = { ...(await response.json()), status: response.status };
    } catch {
      // Not JSON (a proxy's page): the status alone.
    }
    throw new ApiError(problem);
  }
  const type = response.headers.get('Content-Type') ?? '';
  const data = (type.includes('json') ? await response.json() : await response.text()) as T;
  return { data, etag: response.headers.get('ETag') };
}

export const get = <T>(path: string) => request<T>(path).then((answer) => answer.data);

/** A random key; crypto.randomUUID exists only in secure contexts. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Every item of a paged list: the first page, then the rest at once (pages of 100, at most `maxPages`). */
export async function allPages<T>(path: string, params: URLSearchParams, maxPages = 50): Promise<Page<T>> {
  const pageAt = (page: number) => {
    const query = new URLSearchParams(params);
    query.set('page', String(page));
    query.set('pageSize', '100');
    return get<Page<T>>(`${path}?${query}`);
  };
  const first = await pageAt(1);
  const pages = Math.min(Math.ceil(first.total / 100), maxPages);
  const rest = await Promise.all(Array.from({ length: Math.max(pages - 1, 0) }, (_, index) => pageAt(index + 2)));
  return { ...first, items: [first, ...rest].flatMap((page) => page.items) };
}
