/**
 * An MFP (MCSL Future Protocol) daemon client over WebSocket. There is no HTTP client to hook
 * into, so it uses the library's two building blocks directly: `normalize(mfp, { body })` reads
 * each answer, and `retry()` runs each action. Named by `vendor` and `url`, each action is paced
 * by the process-wide default pacer like the HTTP clients (`retry: { pacer: false }` opts out).
 */
import { randomUUID } from 'node:crypto';
import { type RetryOptions, normalize, retry } from 'vendor-errors';
import { transportError } from 'vendor-errors/advanced';
import { mfp } from 'vendor-errors/adapters';
import { type RawData, WebSocket } from 'ws';

/** Options of {@link MfpClient.connect}. */
export interface MfpClientOptions {
  /** The daemon endpoint, e.g. `ws://host:11451/api/v1` (or a simulator's `wsUrl`). */
  readonly url: string;
  /** The daemon token; MFP takes it as `?token=` in the URL, which error messages redact. */
  readonly token: string;
  /** Retry options for every action; `false` makes one attempt per action. */
  readonly retry?: RetryOptions | false;
  /** How long one attempt waits for its answer, in ms. @default 10_000 */
  readonly timeoutMs?: number;
}

/** Per-action options. */
export interface MfpCallOptions {
  /**
   * Whether the action may be repeated after the daemon may have acted on it (reads: yes).
   * Rate limits and "unavailable" (refused before acting) retry either way.
   * @default false
   */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

interface Pending {
  resolve(data: unknown): void;
  reject(error: unknown): void;
}

/** An instance, as far as this example reads it. */
export interface MfpInstance {
  readonly id?: string;
  readonly name?: string;
  readonly status?: string;
}

/**
 * A minimal MFP daemon client: one WebSocket, many concurrent actions, answers matched to
 * requests by `id`. Every failure is a `VendorError` (`10005` → `RateLimitError`, retried).
 *
 * @example
 * const daemon = await MfpClient.connect({ url: 'ws://127.0.0.1:11451/api/v1', token });
 * const instances = await daemon.listInstances();
 * daemon.close();
 */
export class MfpClient {
  readonly #socket: WebSocket;
  readonly #url: string;
  readonly #retry: RetryOptions | false | undefined;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  /** Aborted once the connection is gone: this client does not reconnect, so retrying is moot. */
  readonly #closed = new AbortController();

  private constructor(socket: WebSocket, url: string, options: MfpClientOptions) {
    this.#socket = socket;
    this.#url = url;
    this.#retry = options.retry;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.#onMessage(text(data));
    });
    socket.on('close', () => this.#shutDown(new Error('connection closed')));
    socket.on('error', (error) => this.#shutDown(error));
  }

  /** Opens the connection. Rejects with a `NetworkError` when the daemon cannot be reached. */
  static connect(options: MfpClientOptions): Promise<MfpClient> {
    const url = new URL(options.url);
    url.searchParams.set('token', options.token);
    const href = url.href;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(href);
      // A refused handshake (e.g. HTTP 401 for a wrong token) arrives here too.
      const fail = (error: unknown) => reject(transportError(mfp, error, { url: href }));
      socket.once('error', fail);
      socket.once('open', () => {
        socket.removeListener('error', fail);
        resolve(new MfpClient(socket, href, options));
      });
    });
  }

  /**
   * Sends one action and resolves with its `data`; each retry is a new message with a new id,
   * so a late answer to an abandoned attempt can never be taken for the current one.
   */
  request<T = unknown>(action: string, params: Readonly<Record<string, unknown>> = {}, options: MfpCallOptions = {}): Promise<T> {
    if (this.#closed.signal.aborted) return Promise.reject(this.#networkError(new Error('connection is closed')));
    const own = this.#retry;
    const callers = [own ? own.signal : undefined, options.signal].filter((s) => s !== undefined);
    const caller = callers.length > 0 ? AbortSignal.any(callers) : undefined;
    // The loop also stops when the connection goes; the attempt itself learns that from #shutDown.
    const signal = AbortSignal.any([this.#closed.signal, ...callers]);
    // vendor and url key a shared pacer (by the host only: the token in the URL is not used).
    const retryOptions =
      own === false ? false : { ...own, vendor: mfp.name, url: this.#url, idempotent: options.idempotent ?? false, signal };
    return retry(() => this.#send(action, params, caller) as Promise<T>, retryOptions);
  }

  /** The daemon's instances (a read: retried on any transient failure). */
  listInstances(options: MfpCallOptions = {}): Promise<MfpInstance[]> {
    return this.request<MfpInstance[]>('get_instance_list', {}, { idempotent: true, ...options });
  }

  /** Starts an instance (not idempotent: only refusals such as rate limits are retried). */
  startInstance(id: string, options: MfpCallOptions = {}): Promise<unknown> {
    return this.request('start_instance', { id }, options);
  }

  /** Closes the connection; actions still waiting reject with a `NetworkError`. */
  close(): void {
    this.#shutDown(new Error('connection closed by the client'));
    this.#socket.close();
  }

  #send(action: string, params: Readonly<Record<string, unknown>>, signal: AbortSignal | undefined): Promise<unknown> {
    if (this.#socket.readyState !== WebSocket.OPEN)
      return Promise.reject(this.#networkError(new Error('connection is not open')));
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        this.#pending.delete(id);
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = (): void => {
        settle();
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        settle();
        reject(this.#networkError(new DOMException(`no answer to ${action} within ${this.#timeoutMs} ms`, 'TimeoutError')));
      }, this.#timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(id, {
        resolve: (data) => {
          settle();
          resolve(data);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      this.#socket.send(JSON.stringify({ action, params, id }));
    });
  }

  #onMessage(message: string): void {
    const frame = parse(message);
    // Daemons answer in their protocol version's shape (README § MFP): the id comes back as
    // `id`, v1's `echo` or a PascalCase `Id`; the payload is `data`, `Data` or a `result`.
    const id = [frame?.id, frame?.echo, frame?.Id].find((v) => typeof v === 'string');
    const pending = id === undefined ? undefined : this.#pending.get(id);
    // Answers to attempts that timed out or were aborted, and frames without an id, have no one waiting.
    if (!pending) return;
    const error = normalize(mfp, { body: message, url: this.#url });
    if (error) pending.reject(error);
    else pending.resolve(frame?.data ?? frame?.Data ?? frame?.result);
  }

  #shutDown(cause: unknown): void {
    // Abort first: the retry loop then stops on the rejections below instead of retrying them.
    if (!this.#closed.signal.aborted) this.#closed.abort(this.#networkError(cause));
    for (const pending of [...this.#pending.values()]) pending.reject(this.#networkError(cause));
  }

  /** A `NetworkError` (or `TimeoutError`) for a failure without an answer, the token redacted. */
  #networkError(cause: unknown) {
    return transportError(mfp, cause, { url: this.#url });
  }
}

function text(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function parse(message: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(message);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
