/**
 * A NetEase CloudComb client on `fetch`. `createFetch` wraps fetch so that every failure
 * becomes a typed `VendorError` — including NetEase's rate limit sent as 403 and its "System
 * busy" sent as 400 — and is retried when its meaning allows.
 * Paced by default: every client of the same vendor host in the process shares the
 * process-wide default pacer (`getDefaultPacer()`), so a rate limit one of them meets slows
 * them all; pass `retry: { pacer: false }` to opt out.
 */
import type { RetryOptions } from 'vendor-errors';
import { netease } from 'vendor-errors/adapters';
import { createFetch } from 'vendor-errors/fetch';

/** Options of {@link NeteaseClient}. */
export interface NeteaseClientOptions {
  /** The API root, e.g. `https://open.c.163.com` (or a simulator's `${url}/netease`). */
  readonly baseURL: string;
  /** The API token (from the app key and secret); sent as `Authorization: Token …`. */
  readonly token: string;
  /** Retry options for the integration (paced by the default pacer unless `pacer: false`); `false` makes one attempt per call. */
  readonly retry?: RetryOptions | false;
  /** The fetch to wrap. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** Per-call options. */
export interface NeteaseCallOptions {
  /** Extra request headers (the simulator reads `x-simulate-code`). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

/** A container, as far as this example reads it. */
export interface Container {
  readonly id?: number;
  readonly name?: string;
  readonly status?: string;
}

/** What `listContainers` answers. */
export interface ContainerList {
  readonly total: number;
  readonly items: readonly Container[];
}

/** What `createContainer` sends beyond the name. */
export interface CreateContainerOptions extends NeteaseCallOptions {
  readonly specId?: number;
  readonly imageId?: number;
}

/**
 * A minimal NetEase CloudComb (蜂巢) container client.
 *
 * @example
 * const nce = new NeteaseClient({ baseURL: 'https://open.c.163.com', token });
 * const { items } = await nce.listContainers();
 */
export class NeteaseClient {
  readonly #fetch: typeof fetch;
  readonly #base: string;
  readonly #token: string;

  constructor(options: NeteaseClientOptions) {
    this.#base = options.baseURL.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = createFetch({ adapter: netease, retry: options.retry, fetch: options.fetch });
  }

  /** Every container of the account. */
  async listContainers(options: NeteaseCallOptions = {}): Promise<ContainerList> {
    const res = await this.#fetch(`${this.#base}/api/v1/containers`, this.#init('GET', undefined, options));
    return (await res.json()) as ContainerList;
  }

  /**
   * Creates a container. It is a POST: a rate limit or "System busy" (the vendor refused before
   * acting) is retried, a 5xx is not, since the container may exist already.
   */
  async createContainer(name: string, options: CreateContainerOptions = {}): Promise<Container> {
    const body = JSON.stringify({ name, spec_id: options.specId ?? 1, image_id: options.imageId ?? 10001, charge_type: 1 });
    const res = await this.#fetch(`${this.#base}/api/v1/containers`, this.#init('POST', body, options));
    return (await res.json()) as Container;
  }

  #init(method: string, body: string | undefined, options: NeteaseCallOptions): RequestInit {
    const headers: Record<string, string> = {
      Authorization: `Token ${this.#token}`,
      Accept: 'application/json',
      ...options.headers,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return { method, headers, ...(body === undefined ? {} : { body }), ...(options.signal ? { signal: options.signal } : {}) };
  }
}
