/** A problem+json (or any non-2xx) answer from a service, with what the service said. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${url} → ${status}: ${describe(body)}`);
    this.name = 'ApiError';
  }
}

function describe(body: unknown): string {
  if (body && typeof body === 'object') {
    const p = body as { title?: string; detail?: string; errors?: { field: string; message: string }[] };
    const fields = p.errors?.map((e) => `${e.field}: ${e.message}`).join('; ');
    return [p.title, p.detail, fields].filter(Boolean).join(' — ') || JSON.stringify(body);
  }
  return String(body);
}

export interface ApiClientOptions {
  token?: string;
  /** Sent as X-Correlation-Id on every request, so all the calls of one flow share it. */
  correlationId?: string;
  timeoutMs?: number;
}

/** A small JSON client for one service's HTTP API. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly opts: ApiClientOptions = {},
  ) {}

  get<T = unknown>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** GET that answers undefined for 404 instead of throwing. */
  async find<T = unknown>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    if (this.opts.correlationId) headers['x-correlation-id'] = this.opts.correlationId;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (e.g. /metrics): keep the text.
    }
    if (!res.ok) throw new ApiError(method, url, res.status, parsed);
    return parsed as T;
  }
}
