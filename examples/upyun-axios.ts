/**
 * An UpYun storage client on axios. `withVendorErrors` turns every failure into a typed
 * `VendorError` and retries what the error's meaning allows (rate limits on any method, the
 * 503 family on GET/PUT/DELETE).
 * Paced by default: every client of the same vendor host in the process shares the
 * process-wide default pacer (`getDefaultPacer()`), so a rate limit one of them meets slows
 * them all; pass `retry: { pacer: false }` to opt out.
 */
import { createHash, createHmac } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import type { RetryOptions } from 'vendor-errors';
import { upyun } from 'vendor-errors/adapters';
import { withVendorErrors } from 'vendor-errors/axios';

/** Options of {@link UpyunClient}. */
export interface UpyunClientOptions {
  /** The REST endpoint, e.g. `https://v0.api.upyun.com` (or a simulator's `${url}/upyun`). */
  readonly baseURL: string;
  readonly bucket: string;
  readonly operator: string;
  /** The operator's password; only its MD5 is used, as the signing key, and it is never sent. */
  readonly password: string;
  /** Retry options for the integration (paced by the default pacer unless `pacer: false`); `false` makes one attempt per call. */
  readonly retry?: RetryOptions | false;
  /** Per-request timeout in ms. @default 30_000 */
  readonly timeoutMs?: number;
}

/** Per-call options. */
export interface UpyunCallOptions {
  /** Extra request headers (the simulator reads `x-simulate-code`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/**
 * A minimal UpYun REST client: read, write and delete files in one bucket, each request signed
 * with `Authorization: UPYUN operator:signature`.
 *
 * @example
 * const up = new UpyunClient({ baseURL: 'https://v0.api.upyun.com', bucket: 'b', operator: 'op', password: process.env.UPYUN_PASSWORD! });
 * await up.putFile('/notes/a.txt', 'hello');
 * try { await up.getFile('/notes/missing.txt') } catch (e) { if (isVendorError(e) && e.kind === 'not-found') … }
 */
export class UpyunClient {
  readonly #http: AxiosInstance;
  readonly #bucket: string;

  constructor(options: UpyunClientOptions) {
    const { baseURL, bucket, operator, password } = options;
    this.#bucket = bucket;
    // UpYun signs with the password's MD5; the password itself is not needed again.
    const key = createHash('md5').update(password).digest('hex');
    const http = axios.create({ baseURL, timeout: options.timeoutMs ?? 30_000, responseType: 'text' });
    // The signature covers each request's method, URI and date, so it is made per request.
    http.interceptors.request.use((config) => {
      const date = new Date().toUTCString();
      const method = (config.method ?? 'get').toUpperCase();
      const uri = new URL(config.url ?? '/', 'http://x').pathname;
      const contentMd5 = config.headers.get('Content-MD5');
      const parts = [method, uri, date];
      if (typeof contentMd5 === 'string' && contentMd5 !== '') parts.push(contentMd5);
      const signature = createHmac('sha1', key).update(parts.join('&')).digest('base64');
      config.headers.set('Date', date);
      config.headers.set('Authorization', `UPYUN ${operator}:${signature}`);
      return config;
    });
    this.#http = withVendorErrors(http, { adapter: upyun, retry: options.retry });
  }

  /** Downloads a file as text. */
  async getFile(path: string, options: UpyunCallOptions = {}): Promise<string> {
    const res = await this.#http.get<string>(this.#uri(path), { headers: { ...options.headers }, signal: options.signal });
    return res.data;
  }

  /** Uploads (creates or replaces) a file. PUT is idempotent, so a 503 on it is retried. */
  async putFile(path: string, data: string | Uint8Array, options: UpyunCallOptions = {}): Promise<void> {
    const body = typeof data === 'string' ? Buffer.from(data) : data;
    const contentMd5 = createHash('md5').update(body).digest('hex');
    await this.#http.put(this.#uri(path), body, {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-MD5': contentMd5, ...options.headers },
      signal: options.signal,
    });
  }

  /** Deletes a file. */
  async deleteFile(path: string, options: UpyunCallOptions = {}): Promise<void> {
    await this.#http.delete(this.#uri(path), { headers: { ...options.headers }, signal: options.signal });
  }

  #uri(path: string): string {
    const segments = path.split('/').filter((s) => s !== '');
    return `/${encodeURIComponent(this.#bucket)}/${segments.map(encodeURIComponent).join('/')}`;
  }
}
