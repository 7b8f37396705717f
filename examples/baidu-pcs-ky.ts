/**
 * A Baidu PCS client on ky. `vendorErrors` gives ky the hooks that turn every failure, including
 * the errors Baidu sends inside HTTP 200, into a typed `VendorError` and retry it when its
 * meaning allows.
 * Paced by default: every client of the same vendor host in the process shares the
 * process-wide default pacer (`getDefaultPacer()`), so a rate limit one of them meets slows
 * them all; pass `retry: { pacer: false }` to opt out.
 */
import ky, { type KyInstance } from 'ky';
import type { RetryOptions } from 'vendor-errors';
import { baiduPcs } from 'vendor-errors/adapters';
import { vendorErrors } from 'vendor-errors/ky';

/** Options of {@link BaiduPcsClient}. */
export interface BaiduPcsClientOptions {
  /** The PCS REST root, e.g. `https://pcs.baidu.com/rest/2.0/pcs` (or a simulator's `${url}/baidu-pcs/rest/2.0/pcs`). */
  readonly baseURL: string;
  /** The OAuth access token; PCS takes it in the query string, where error messages redact it. */
  readonly accessToken: string;
  /** Retry options for the integration (paced by the default pacer unless `pacer: false`); `false` makes one attempt per call. */
  readonly retry?: RetryOptions | false;
  /** Per-request timeout in ms. @default 30_000 */
  readonly timeoutMs?: number;
}

/** Per-call options. */
export interface PcsCallOptions {
  /** Extra request headers (the simulator reads `x-simulate-code`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** One entry of a `meta` or `list` answer. */
export interface PcsFile {
  readonly fs_id?: number;
  readonly path: string;
  readonly size?: number;
  readonly isdir?: 0 | 1;
  readonly mtime?: number;
}

/** What `meta` and `list` answer. */
export interface PcsList {
  readonly list: readonly PcsFile[];
}

/** What `upload` answers. */
export interface PcsUploadResult {
  readonly path?: string;
  readonly size?: number;
  readonly md5?: string;
}

/**
 * A minimal Baidu PCS (personal cloud storage) client: file metadata, directory listings and
 * uploads, with `?access_token=` in every URL as the real API wants it.
 *
 * @example
 * const pcs = new BaiduPcsClient({ baseURL: 'https://pcs.baidu.com/rest/2.0/pcs', accessToken });
 * const { list } = await pcs.list('/apps/demo');
 */
export class BaiduPcsClient {
  readonly #http: KyInstance;
  readonly #token: string;

  constructor(options: BaiduPcsClientOptions) {
    this.#token = options.accessToken;
    this.#http = ky.create({
      prefixUrl: options.baseURL,
      timeout: options.timeoutMs ?? 30_000,
      ...vendorErrors({ adapter: baiduPcs, retry: options.retry }),
    });
  }

  /** The metadata of one file or directory. */
  meta(path: string, options: PcsCallOptions = {}): Promise<PcsList> {
    return this.#http.get('file', this.#request('meta', { path }, options)).json<PcsList>();
  }

  /** The entries of a directory. */
  list(dir: string, options: PcsCallOptions = {}): Promise<PcsList> {
    return this.#http.get('file', this.#request('list', { path: dir }, options)).json<PcsList>();
  }

  /**
   * Uploads a file (replacing one that exists). It is a POST, so only failures the vendor
   * refused before acting on (rate limits, "busy") are retried; a 503 is not.
   */
  upload(path: string, data: string | Uint8Array, options: PcsCallOptions = {}): Promise<PcsUploadResult> {
    const form = new FormData();
    form.append('file', new Blob([data as BlobPart]), path.slice(path.lastIndexOf('/') + 1) || 'file');
    return this.#http
      .post('file', { ...this.#request('upload', { path, ondup: 'overwrite' }, options), body: form })
      .json<PcsUploadResult>();
  }

  #request(method: string, params: Record<string, string>, options: PcsCallOptions) {
    return {
      searchParams: { method, access_token: this.#token, ...params },
      headers: { ...options.headers },
      ...(options.signal ? { signal: options.signal } : {}),
    };
  }
}
