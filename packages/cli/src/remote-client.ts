import type { ApiErrorBody, FieldIssue } from '@operable/shared';
import { CliError, EXIT_USAGE } from './context.js';

/** An error the server answered with: `{"error":{"code","message","details"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get fields(): FieldIssue[] {
    return Array.isArray(this.details.fields) ? (this.details.fields as FieldIssue[]) : [];
  }
}

/** The server could not be reached at all (network, DNS, timeout): what `operable exec` queues for later. */
export class Unreachable extends CliError {}

const TIMEOUT_MS = 30_000;

/** A thin client for the Operable HTTP API, authenticated with an API key. */
export class RemoteClient {
  constructor(
    readonly baseUrl: string,
    private readonly key: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`); // keeps a path prefix such as https://example.com/operable
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    return this.request<T>('GET', url);
  }

  /** A JSON body when given; none otherwise (e.g. acknowledge, whose route takes no body). */
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', new URL(`${this.baseUrl}${path}`), body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', new URL(`${this.baseUrl}${path}`), body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', new URL(`${this.baseUrl}${path}`), body);
  }

  /** Resolves when the server answers 2xx (204 carries no body). */
  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', new URL(`${this.baseUrl}${path}`), undefined, true);
  }

  private async request<T>(method: string, url: URL, body?: unknown, bodiless = false): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new Unreachable(`Cannot reach ${this.baseUrl}: ${networkReason(error)}`);
    }
    const text = await response.text();
    const answer = parseJson(text);
    if (!response.ok) {
      const apiError = (answer as Partial<ApiErrorBody> | undefined)?.error;
      if (apiError && typeof apiError.code === 'string' && typeof apiError.message === 'string') {
        throw new ApiError(response.status, apiError.code, apiError.message, apiError.details ?? {});
      }
      throw new ApiError(response.status, 'http_error', `HTTP ${response.status} ${response.statusText}`.trim() + snippet(text));
    }
    if (bodiless) return undefined as T;
    if (answer === undefined) {
      throw new CliError(`${url.origin}${url.pathname} did not answer with JSON; is ${this.baseUrl} an Operable server?`);
    }
    return answer as T;
  }
}

/** The base URL without a trailing slash; only http(s). */
export function normalizeUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`--url must be a full URL such as https://ops.example.com (got ${JSON.stringify(raw)})`, EXIT_USAGE);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--url must start with http:// or https:// (got ${JSON.stringify(raw)})`, EXIT_USAGE);
  }
  if (url.search || url.hash) throw new CliError('--url must not contain ? or #', EXIT_USAGE);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Readable lines for an API error: the message, each offending field, and what to do about it. */
export function describeApiError(error: ApiError): string {
  const lines = [`error: ${error.message} (${error.code}, HTTP ${error.status})`];
  for (const field of error.fields) lines.push(`  ${field.field}: ${field.message}`);
  for (const [name, value] of Object.entries(error.details)) {
    if (name !== 'fields' && (typeof value === 'string' || typeof value === 'number')) lines.push(`  ${name}: ${value}`);
  }
  const hint = HINTS[error.code];
  if (hint) lines.push(hint);
  return lines.join('\n');
}

const HINTS: Record<string, string> = {
  unauthenticated: 'The API key may have been revoked. Create a new one and run `operable login --url URL --key KEY`.',
  forbidden: 'The API key’s role does not allow this; keys never have more rights than their owner.',
  rate_limited: 'Too many requests; wait a little and try again.',
  unavailable: 'The server cannot reach its database right now; try again shortly.',
  internal: 'The server failed; its log has the details under the request ID above.',
};

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function snippet(text: string): string {
  const compact = text.replace(/\s+/g, ' ').trim();
  return compact ? `: ${compact.length > 120 ? `${compact.slice(0, 120)}…` : compact}` : '';
}

function networkReason(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
