/**
 * @internal The transport wrapper: one axios call's sends, each through axios' own transport,
 * inside the shared retry loop.
 */
import axios, { type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import type { BodyInput } from '../../core/body.js';
import type { HeadersInput } from '../../core/headers.js';
import { normalize } from '../../core/normalize.js';
import { isReplayableBody } from '../shared/body.js';
import { type LoopRequest, runRequest } from '../shared/loop.js';
import type { ResolvedIntegration } from '../shared/options.js';
import type { SignalLike } from '../shared/signal.js';
import { bufferAccepted, readRejected } from './convert.js';
import { fromAxiosError } from './errors.js';
import { axiosSpentQuotaMs } from './quota.js';
import { hiddenErrorCause, inspectable } from './hidden.js';
import { cancelTokenSignal, holdUntilBodyDone } from './signals.js';
import { type ReadContext, streamingConfig, type TransportKind, transportKind } from './streaming.js';
import { absoluteHttpUrl, type CallDescription, describeCall } from './url.js';

export type AdapterSetting = InternalAxiosRequestConfig['adapter'];

/**
 * A URL with the call's origin, for the default pacer's key, when one is at hand without
 * building the full URL (`getUri()` merges the config again): the absolute `url`, or an absolute
 * `baseURL` put in front of a relative one.
 */
function keyUrl(config: InternalAxiosRequestConfig): string | undefined {
  const absolute = absoluteHttpUrl(config);
  if (absolute !== undefined) return absolute;
  const base = config.baseURL;
  const url = config.url;
  if (typeof base !== 'string' || !(base.startsWith('http://') || base.startsWith('https://'))) return undefined;
  // An absolute `url` that `baseURL` does not apply to was handled above (or is not http).
  return typeof url === 'string' && (url.startsWith('//') || /^[a-z][a-z\d+\-.]*:/i.test(url)) ? undefined : base;
}

/** What one attachment shares with its sends. */
export interface SendContext {
  readonly integration: ResolvedIntegration;
  /** What the loop settled on, by the config axios handed the adapter: axios may swap it for a CanceledError. */
  readonly settled: WeakMap<object, unknown>;
  /** `boundErrorBodies`: ask axios' own transports for a stream on every attempt (see convert.ts). */
  readonly stream: boolean;
}

function wantsStream(config: InternalAxiosRequestConfig): boolean {
  const type = config.responseType as unknown;
  return typeof type === 'string' && type.toLowerCase() === 'stream';
}

/** Keeps a caller's stream body linked to its signal until the body is done (see signals.ts). */
function holdStream(response: AxiosResponse, release: () => void): boolean {
  const kept = holdUntilBodyDone(response.data, release);
  response.data = kept.data;
  return kept.held;
}

/**
 * One axios call as the loop sees it. A class, so that `url` is a getter on the prototype: an
 * object literal with a getter cost ~0.35 µs per call (measured, issue 14).
 */
class AxiosRequest implements LoopRequest<AxiosResponse> {
  readonly method: string;
  readonly keyUrl: string | undefined;
  readonly headers: HeadersInput;
  readonly replayable: boolean;
  readonly hold: LoopRequest<AxiosResponse>['hold'];
  constructor(
    readonly integration: ResolvedIntegration,
    private readonly ctx: CallDescription,
    config: InternalAxiosRequestConfig,
    readonly signals: readonly (SignalLike | undefined)[],
    readonly attempt: LoopRequest<AxiosResponse>['attempt'],
  ) {
    this.method = ctx.method;
    this.keyUrl = keyUrl(config);
    this.headers = config.headers as HeadersInput;
    this.replayable = isReplayableBody(config.data);
    this.hold = wantsStream(config) ? holdStream : undefined;
  }
  get url(): string {
    return this.ctx.url;
  }
  get quota(): LoopRequest<AxiosResponse>['quota'] {
    return axiosSpentQuotaMs;
  }
  /** A late success (its attempt timed out): a stream body (node's or a web one) is let go. */
  discard(response: AxiosResponse): void {
    const data = response.data as { destroy?: () => void; cancel?: () => Promise<void> } | null | undefined;
    if (typeof data?.destroy === 'function') data.destroy();
    else if (typeof data?.cancel === 'function') data.cancel().catch(() => undefined);
  }
}

/** One call through `setting` (the instance's or the request's adapter), every attempt in the loop. */
export async function send(sc: SendContext, config: InternalAxiosRequestConfig, setting: AdapterSetting): Promise<AxiosResponse> {
  const { integration } = sc;
  const transport: AxiosAdapter = axios.getAdapter(setting, config);
  // Without `boundErrorBodies`, axios buffers every body itself: which transport it is is not asked.
  const kind = sc.stream ? transportKind(transport, config) : undefined;
  const ctx = describeCall(config);
  const token = cancelTokenSignal(config);
  const callerSignal = config.signal;
  try {
    const attempt = (signal: AbortSignal | undefined): Promise<AxiosResponse> => {
      // The attempt's signal goes on the config axios handed us, for this send only: measured
      // (issue 14), a copy of the merged config per attempt was ~1.5 µs of a success's cost.
      if (signal === undefined || signal === callerSignal) return sendOnce(sc, config, transport, kind, ctx, signal);
      config.signal = signal;
      const sent = sendOnce(sc, config, transport, kind, ctx, signal);
      // An attempt cut off by its timeout settles late: the next attempt's signal stays then.
      const restore = (): void => {
        if (config.signal === signal) config.signal = callerSignal;
      };
      sent.then(restore, restore);
      return sent;
    };
    const signals = [callerSignal as SignalLike | undefined, token.signal];
    return await runRequest(new AxiosRequest(integration, ctx, config, signals, attempt));
  } catch (error) {
    sc.settled.set(config, error);
    throw error;
  } finally {
    token.dispose();
  }
}

/** One send through axios' own transport: its response, or the attempt's `VendorError`. */
async function sendOnce(
  sc: SendContext,
  attemptConfig: InternalAxiosRequestConfig,
  transport: AxiosAdapter,
  kind: TransportKind | undefined,
  ctx: CallDescription,
  signal: AbortSignal | undefined,
): Promise<AxiosResponse> {
  const { integration } = sc;
  // axios' own transports are asked for a stream, so that an error body is read only up to the cap.
  const streaming = streamingConfig(kind, attemptConfig, ctx);
  const started = kind === undefined ? 0 : performance.now();
  let response: AxiosResponse;
  try {
    response = await transport(streaming ?? attemptConfig);
    if (streaming) response = await bufferAccepted(response, { kind, config: attemptConfig, signal, started });
  } catch (error) {
    if (axios.isCancel(error) || !axios.isAxiosError(error)) throw error;
    const read: ReadContext = { kind, config: attemptConfig, signal, started };
    let body: unknown;
    try {
      body = await readRejected(error, read, streaming !== undefined, integration.maxBodyBytes);
    } catch (readError) {
      // The transport's timeout struck, or the signal aborted, while the error body was read.
      if (axios.isCancel(readError) || !axios.isAxiosError(readError)) throw readError;
      throw fromAxiosError(integration, readError, undefined, ctx);
    }
    throw fromAxiosError(integration, error, body, ctx);
  }
  const body = inspectable(integration, response);
  if (body !== undefined) {
    // Parsed once; the cause (redacted copies of config and response) is built only for a failure.
    const failure = normalize(integration.adapter, {
      status: response.status,
      headers: response.headers,
      body: body as BodyInput,
      method: ctx.method,
      url: ctx.url,
      maxBodyBytes: integration.maxBodyBytes,
    });
    if (failure) {
      const cause = hiddenErrorCause(integration, attemptConfig, response);
      Object.defineProperty(failure, 'cause', { value: cause, writable: true, configurable: true, enumerable: false });
      throw failure;
    }
  }
  return response;
}
