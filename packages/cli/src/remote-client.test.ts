import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeConfigFile } from './config-file.js';
import { CliError } from './context.js';
import { runCli } from './program.js';
import { ApiError, describeApiError, normalizeUrl, RemoteClient } from './remote-client.js';

/** A fetch that answers every request with one canned response, recording what was asked. */
function answering(status: number, body: string, contentType = 'application/json') {
  const calls: { url: string; method?: string; headers: Headers; body?: RequestInit['body'] }[] = [];
  const fetchImpl = (async (url: URL | string, init?: RequestInit) => {
    calls.push({ url: String(url), method: init?.method, headers: new Headers(init?.headers), body: init?.body });
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const validationError = JSON.stringify({
  error: {
    code: 'validation_failed',
    message: 'Invalid query.teamId',
    details: { fields: [{ field: 'query.teamId', message: 'Invalid UUID' }] },
  },
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('RemoteClient', () => {
  it('sends the key as a bearer token, keeps a path prefix and drops unset query values', async () => {
    const { fetchImpl, calls } = answering(200, '{"items":[]}');
    const client = new RemoteClient('https://ops.example.com/operable', 'opk_abc', fetchImpl);
    expect(await client.get('/api/services', { tag: 'tier:1', teamId: undefined })).toEqual({ items: [] });
    expect(calls[0]!.url).toBe('https://ops.example.com/operable/api/services?tag=tier%3A1');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer opk_abc');
  });

  it('posts a JSON body with its content type, or no body at all', async () => {
    const { fetchImpl, calls } = answering(201, '{"number":7}');
    const client = new RemoteClient('https://ops.example.com', 'opk_abc', fetchImpl);
    expect(await client.post('/api/alerts', { summary: 'x' })).toEqual({ number: 7 });
    expect(calls[0]).toMatchObject({ url: 'https://ops.example.com/api/alerts', method: 'POST', body: '{"summary":"x"}' });
    expect(calls[0]!.headers.get('content-type')).toBe('application/json');
    expect(calls[0]!.headers.get('authorization')).toBe('Bearer opk_abc');
    await client.post('/api/alerts/1/acknowledge');
    expect(calls[1]).toMatchObject({ method: 'POST', body: undefined });
    expect(calls[1]!.headers.has('content-type')).toBe(false);
  });

  it('turns an API error body into an ApiError with its fields', async () => {
    const { fetchImpl } = answering(400, validationError);
    const error = await failure(new RemoteClient('http://x', 'k', fetchImpl).get('/api/services'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', fields: [{ field: 'query.teamId', message: 'Invalid UUID' }] });
  });

  it('reports a non-API error page by status and a snippet of the body', async () => {
    const { fetchImpl } = answering(502, '<html><body>Bad gateway</body></html>', 'text/html');
    const error = (await failure(new RemoteClient('http://x', 'k', fetchImpl).get('/api/me'))) as ApiError;
    expect(error.code).toBe('http_error');
    expect(error.message).toContain('HTTP 502');
    expect(error.message).toContain('Bad gateway');
  });

  it('says so when a successful answer is not JSON (wrong URL)', async () => {
    const { fetchImpl } = answering(200, '<!doctype html><title>Someone else</title>', 'text/html');
    const error = await failure(new RemoteClient('http://x', 'k', fetchImpl).get('/api/me'));
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/did not answer with JSON; is http:\/\/x an Operable server\?/);
  });

  it('names the reason when the server cannot be reached', async () => {
    // A port that was just free: nothing listens there now.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await failure(new RemoteClient(`http://127.0.0.1:${port}`, 'k').get('/api/me'));
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toBe(`Cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
  });
});

describe('describeApiError', () => {
  it('prints the message, code, status, every field and a hint', () => {
    const text = describeApiError(new ApiError(401, 'unauthenticated', 'The API key is unknown or revoked'));
    expect(text.split('\n')).toEqual([
      'error: The API key is unknown or revoked (unauthenticated, HTTP 401)',
      'The API key may have been revoked. Create a new one and run `operable login --url URL --key KEY`.',
    ]);
    const fields = describeApiError(
      new ApiError(400, 'validation_failed', 'Invalid name, tags.0', {
        fields: [
          { field: 'name', message: 'Too small' },
          { field: 'tags.0', message: 'Letters, digits and . _ : / - only' },
        ],
      }),
    );
    expect(fields.split('\n')).toEqual([
      'error: Invalid name, tags.0 (validation_failed, HTTP 400)',
      '  name: Too small',
      '  tags.0: Letters, digits and . _ : / - only',
    ]);
    expect(describeApiError(new ApiError(500, 'internal', 'Something went wrong', { requestId: 'req-1' }))).toContain('  requestId: req-1');
  });
});

describe('normalizeUrl', () => {
  it('accepts http(s) base URLs and strips trailing slashes', () => {
    expect(normalizeUrl('https://ops.example.com/')).toBe('https://ops.example.com');
    expect(normalizeUrl('http://localhost:8080/operable//')).toBe('http://localhost:8080/operable');
  });
  it('rejects anything else with exit code 2', () => {
    for (const bad of ['ops.example.com', 'ftp://ops.example.com', 'https://x/?a=1']) {
      expect(() => normalizeUrl(bad)).toThrow(CliError);
    }
  });
});

describe('remote commands print errors readably', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'operable-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const configured = () => {
    const configPath = path.join(dir, 'config.json');
    writeConfigFile(configPath, { url: 'http://ops.test', key: 'opk_k' });
    return configPath;
  };

  it('exits 1 and shows the field errors of an API error', async () => {
    const { fetchImpl } = answering(400, validationError);
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['services', 'list', '--tag', 'x'], {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      configPath: configured(),
      fetch: fetchImpl,
      env: {},
    });
    expect(code).toBe(1);
    expect(out.join('')).toBe('');
    expect(err.join('')).toBe('error: Invalid query.teamId (validation_failed, HTTP 400)\n  query.teamId: Invalid UUID\n');
  });

  it('exits 2 with a hint when not logged in', async () => {
    const err: string[] = [];
    const configPath = path.join(dir, 'none.json');
    const code = await runCli(['whoami'], { stdout: () => {}, stderr: (t) => err.push(t), configPath, env: {} });
    expect(code).toBe(2);
    expect(err.join('')).toContain('Not logged in. Run `operable login --url URL --key KEY` first.');
  });

  it('exits 2 on a usage error, naming the problem', async () => {
    const err: string[] = [];
    const code = await runCli(['login', '--url', 'http://x'], { stdout: () => {}, stderr: (t) => err.push(t), env: {} });
    expect(code).toBe(2);
    expect(err.join('')).toContain("required option '--key <key>' not specified");
  });
});
