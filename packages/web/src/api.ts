import type { ApiErrorBody, FieldIssue, Session } from '@operable/shared';

/** An error from the API (or from failing to reach it), with a message fit to show people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.fields = Array.isArray(details.fields) ? (details.fields as FieldIssue[]) : [];
  }
}

let csrfToken: string | null = null;
let onSessionLost: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401, meaning the session has ended. */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function minutes(seconds: number): string {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return n === 1 ? '1 minute' : `${n} minutes`;
}

/** Plain-language messages for codes whose server message may be terse. */
function friendlyMessage(status: number, body: ApiErrorBody['error'] | undefined, retryAfter: string | null): string {
  const code = body?.code;
  if (code === 'rate_limited' || status === 429) {
    const fromBody = body?.details?.retryAfterSeconds;
    const secs = typeof fromBody === 'number' ? fromBody : retryAfter ? Number(retryAfter) : NaN;
    return Number.isFinite(secs) ? `Too many attempts, try again in ${minutes(secs)}.` : 'Too many attempts, try again in a few minutes.';
  }
  if (code === 'csrf_failed') return 'Your session’s security check failed. Reload the page and try again.';
  if (code === 'forbidden' && !body?.message) return 'You don’t have permission to do that.';
  if (body?.message) return body.message;
  if (status >= 500) return `The server had a problem (error ${status}). Try again in a moment.`;
  return `The request failed (error ${status}).`;
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Can’t reach the Operable server. Check your connection and try again.');
  }
}

async function toError(res: Response): Promise<ApiError> {
  let parsed: ApiErrorBody | undefined;
  try {
    parsed = (await res.json()) as ApiErrorBody;
  } catch {
    parsed = undefined;
  }
  const err = parsed && typeof parsed === 'object' ? parsed.error : undefined;
  const message = friendlyMessage(res.status, err, res.headers.get('Retry-After'));
  return new ApiError(res.status, err?.code ?? `http_${res.status}`, message, err?.details ?? {});
}

/** Re-read the session to get a fresh CSRF token. */
async function refreshCsrf(): Promise<boolean> {
  const res = await send('GET', '/api/auth/session');
  if (!res.ok) return false;
  const session = (await res.json()) as Session;
  setCsrfToken(session.csrfToken);
  return true;
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res = await send(method, path, body);
  if (res.status === 403 && method !== 'GET') {
    const copy = res.clone();
    const err = await toError(copy);
    if (err.code === 'csrf_failed' && (await refreshCsrf())) res = await send(method, path, body);
  }
  if (!res.ok) {
    const err = await toError(res);
    // Auth endpoints answer 401 for wrong passwords; elsewhere 401 means the session ended.
    if (res.status === 401 && !path.startsWith('/api/auth/')) onSessionLost();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', query ? withQuery(path, query) : path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  del: (path: string) => request<void>('DELETE', path),
};

/** GET /api/auth/session, or null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return 'Something went wrong.';
}
