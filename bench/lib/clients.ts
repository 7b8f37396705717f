/**
 * The clients the benchmark compares: vendor-errors on axios, ky and fetch (with every default,
 * so paced by the process-wide default pacer, and with `pacer: false`), and the peers — axios-retry, ky's built-in retry, p-retry around fetch — at
 * their documented defaults and at the best settings a user who read the vendor's docs would pick.
 *
 * A logical call is one GET whose body is read in full; it succeeds when the client resolves.
 */
import axios, { type AxiosError } from 'axios';
import axiosRetry, { exponentialDelay, isNetworkOrIdempotentRequestError } from 'axios-retry';
import ky, { HTTPError } from 'ky';
import pRetry from 'p-retry';
import { type Adapter, isVendorError } from 'vendor-errors';
import { netease, upyun } from 'vendor-errors/adapters';
import { withVendorErrors } from 'vendor-errors/axios';
import { createFetch } from 'vendor-errors/fetch';
import { vendorErrors } from 'vendor-errors/ky';

export type BenchVendor = 'upyun' | 'netease';

/** A ready client: one logical call per `call`. */
export interface BenchClient {
  call(url: string, signal: AbortSignal): Promise<void>;
}

export interface ClientSpec {
  readonly id: string;
  /** Short name for tables and the chart legend. */
  readonly label: string;
  readonly family: 'vendor-errors' | 'peer' | 'bare';
  readonly transport: 'axios' | 'ky' | 'fetch';
  /** How it is configured, for the report. */
  readonly config: string;
  /** Calls before each scenario starts, if not the run's (`--warmup`, 10): 0 is a cold client. */
  readonly warmupCalls?: number;
  create(vendor: BenchVendor): BenchClient;
}

const ADAPTERS: Readonly<Record<BenchVendor, Adapter>> = { upyun, netease };

// ---------------------------------------------------------------------------------------------
// What a user configures by hand for the peers: which answers are rate limits and which are
// worth retrying. A NetEase user would have read that 4030001 (sent as 403) is the rate limit and
// 4000199 (sent as 400) "System busy"; without that, no peer retries those answers.

const NETEASE_RETRYABLE_CODES: ReadonlySet<number> = new Set([4030001, 4000199]);

function bodyCode(body: unknown): unknown {
  if (typeof body === 'string') {
    try {
      return bodyCode(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
}

/** Rate limit by the vendor's documentation: 429 anywhere, NetEase's coded 403/400. */
function isRateLimitAnswer(vendor: BenchVendor, status: number, body: unknown): boolean {
  if (status === 429) return true;
  return vendor === 'netease' && (status === 403 || status === 400) && NETEASE_RETRYABLE_CODES.has(Number(bodyCode(body)));
}

function isRetryableAnswer(vendor: BenchVendor, status: number, body: unknown): boolean {
  return isRateLimitAnswer(vendor, status, body) || (status >= 500 && status <= 599);
}

/** The error p-retry's callers throw for a non-2xx fetch answer. */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  readonly status: number;
  readonly body: string;
  constructor(status: number, body: string) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function fetchOnce(url: string, signal: AbortSignal): Promise<void> {
  const res = await fetch(url, { signal });
  const text = await res.text();
  if (!res.ok) throw new HttpStatusError(res.status, text);
}

// ---------------------------------------------------------------------------------------------

/**
 * vendor-errors on one client library: `default` is every option left alone, so the process-wide
 * default pacer paces it (the worker's simulator resets that pacer when a run starts); `off` is
 * the same with `retry: { pacer: false }`.
 */
function vendorErrorsClient(transport: 'axios' | 'ky' | 'fetch', pacing: 'default' | 'off' | 'cold'): ClientSpec {
  const name = { axios: 'withVendorErrors', ky: 'vendorErrors', fetch: 'createFetch' }[transport];
  const off = pacing === 'off';
  const cold = pacing === 'cold';
  return {
    id: `ve-${transport}${off ? '-nopacer' : cold ? '-cold' : ''}`,
    label: `vendor-errors/${transport}${off ? ', pacer: false' : cold ? ', cold' : ''}`,
    family: 'vendor-errors',
    transport,
    ...(cold ? { warmupCalls: 0 } : {}),
    config: off
      ? `\`${name}({ adapter, retry: { pacer: false } })\` (no pacing; retry defaults: 5 retries, full-jitter backoff, Retry-After honoured)`
      : `\`${name}({ adapter })\`: every default, so the process-wide default pacer (5 retries, Retry-After honoured)${cold ? "; no warm-up: the first call of the run is the key's first" : ''}`,
    create(vendor) {
      const adapter = ADAPTERS[vendor];
      const retry = off ? { pacer: false as const } : undefined;
      if (transport === 'axios') {
        const client = withVendorErrors(axios.create(), { adapter, retry });
        return {
          async call(url, signal) {
            await client.get(url, { signal });
          },
        };
      }
      if (transport === 'ky') {
        const api = ky.create(vendorErrors({ adapter, retry }));
        return {
          async call(url, signal) {
            await api.get(url, { signal }).text();
          },
        };
      }
      const vfetch = createFetch({ adapter, retry });
      return {
        async call(url, signal) {
          const res = await vfetch(url, { signal });
          await res.text();
        },
      };
    },
  };
}

const axiosRetryDefaults: ClientSpec = {
  id: 'axios-retry-defaults',
  label: 'axios-retry (defaults)',
  family: 'peer',
  transport: 'axios',
  config:
    '`axiosRetry(instance)`: 3 retries, no delay (but honours Retry-After), retries network errors, 429 and 5xx on idempotent methods',
  create() {
    const client = axios.create();
    axiosRetry(client);
    return {
      async call(url, signal) {
        await client.get(url, { signal });
      },
    };
  },
};

const axiosRetryTuned: ClientSpec = {
  id: 'axios-retry-tuned',
  label: 'axios-retry (tuned)',
  family: 'peer',
  transport: 'axios',
  config:
    '`retries: 5, retryDelay: exponentialDelay` (200 ms·2ⁿ⁻¹ + 20 % jitter, at least Retry-After), `retryCondition`: the default plus NetEase 403 `4030001` / 400 `4000199` read from the body',
  create(vendor) {
    const client = axios.create();
    axiosRetry(client, {
      retries: 5,
      retryDelay: exponentialDelay,
      retryCondition: (error: AxiosError) =>
        isNetworkOrIdempotentRequestError(error) ||
        (error.response !== undefined && isRetryableAnswer(vendor, error.response.status, error.response.data)),
    });
    return {
      async call(url, signal) {
        await client.get(url, { signal });
      },
    };
  },
};

const kyDefaults: ClientSpec = {
  id: 'ky-defaults',
  label: 'ky retry (defaults)',
  family: 'peer',
  transport: 'ky',
  config:
    '`ky.create()`: 2 retries on 408/413/429/500/502/503/504, 300 ms·2ⁿ⁻¹ without jitter, Retry-After honoured on 413/429/503, 10 s timeout',
  create() {
    const api = ky.create();
    return {
      async call(url, signal) {
        await api.get(url, { signal }).text();
      },
    };
  },
};

const kyTuned: ClientSpec = {
  id: 'ky-tuned',
  label: 'ky retry (tuned)',
  family: 'peer',
  transport: 'ky',
  config:
    '`retry: { limit: 5, jitter: true, backoffLimit: 10_000, shouldRetry }` (`shouldRetry` forces a retry of NetEase 403 `4030001` / 400 `4000199`, else the defaults decide), `timeout: 30_000`',
  create(vendor) {
    const api = ky.create({
      timeout: 30_000,
      retry: {
        limit: 5,
        jitter: true,
        backoffLimit: 10_000,
        shouldRetry: async ({ error }) => {
          if (!(error instanceof HTTPError)) return undefined;
          const status = error.response.status;
          if (vendor !== 'netease' || (status !== 403 && status !== 400)) return undefined;
          const body = await error.response
            .clone()
            .text()
            .catch(() => '');
          return isRateLimitAnswer(vendor, status, body) ? true : undefined;
        },
      },
    });
    return {
      async call(url, signal) {
        await api.get(url, { signal }).text();
      },
    };
  },
};

const pRetryDefaults: ClientSpec = {
  id: 'p-retry-defaults',
  label: 'p-retry + fetch (defaults)',
  family: 'peer',
  transport: 'fetch',
  config: '`pRetry(fn)`: 10 retries of anything thrown, 1 s·2ⁿ⁻¹, no jitter, no Retry-After; `fn` throws on a non-2xx status',
  create() {
    return {
      async call(url, signal) {
        await pRetry(() => fetchOnce(url, signal), { signal });
      },
    };
  },
};

const pRetryTuned: ClientSpec = {
  id: 'p-retry-tuned',
  label: 'p-retry + fetch (tuned)',
  family: 'peer',
  transport: 'fetch',
  config:
    '`retries: 6, minTimeout: 500, maxTimeout: 10_000, randomize: true, maxRetryTime: 60_000`, `shouldRetry`: 429, 5xx, NetEase `4030001`/`4000199`, network errors only. ' +
    '(Its `shouldConsumeRetry: false` pattern for rate limits retries at once, without any delay: 29 requests per call in a trial, so it is not used.)',
  create(vendor) {
    return {
      async call(url, signal) {
        await pRetry(() => fetchOnce(url, signal), {
          retries: 6,
          minTimeout: 500,
          maxTimeout: 10_000,
          randomize: true,
          maxRetryTime: 60_000,
          signal,
          shouldRetry: ({ error }) => !(error instanceof HttpStatusError) || isRetryableAnswer(vendor, error.status, error.body),
        });
      },
    };
  },
};

/** Every client of the retry-efficiency scenarios, in report order. */
export const SCENARIO_CLIENTS: readonly ClientSpec[] = [
  vendorErrorsClient('axios', 'default'),
  vendorErrorsClient('axios', 'cold'),
  vendorErrorsClient('axios', 'off'),
  vendorErrorsClient('ky', 'default'),
  vendorErrorsClient('ky', 'cold'),
  vendorErrorsClient('ky', 'off'),
  vendorErrorsClient('fetch', 'default'),
  vendorErrorsClient('fetch', 'cold'),
  vendorErrorsClient('fetch', 'off'),
  axiosRetryDefaults,
  axiosRetryTuned,
  kyDefaults,
  kyTuned,
  pRetryDefaults,
  pRetryTuned,
];

/** The bare clients of the overhead benchmark. */
export const BARE_CLIENTS: readonly ClientSpec[] = [
  {
    id: 'bare-axios',
    label: 'axios',
    family: 'bare',
    transport: 'axios',
    config: '`axios.create()`',
    create() {
      const client = axios.create();
      return {
        async call(url, signal) {
          await client.get(url, { signal });
        },
      };
    },
  },
  {
    id: 'bare-ky',
    label: 'ky',
    family: 'bare',
    transport: 'ky',
    config: '`ky.create()`',
    create() {
      const api = ky.create();
      return {
        async call(url, signal) {
          await api.get(url, { signal }).text();
        },
      };
    },
  },
  {
    id: 'bare-fetch',
    label: 'fetch',
    family: 'bare',
    transport: 'fetch',
    config: '`fetch`',
    create() {
      return {
        async call(url, signal) {
          const res = await fetch(url, { signal });
          await res.text();
          if (!res.ok) throw new HttpStatusError(res.status, '');
        },
      };
    },
  },
];

/** Every client by id. */
export function clientById(id: string): ClientSpec {
  const found = [...SCENARIO_CLIENTS, ...BARE_CLIENTS].find((c) => c.id === id);
  if (!found) throw new TypeError(`bench: unknown client "${id}"`);
  return found;
}

/** A short label of why a call failed, for the report. */
export function errorLabel(error: unknown): string {
  if (isVendorError(error)) {
    const status = error.status !== undefined ? ` ${error.status}` : '';
    const why = error.retryDecision ? ` (${error.retryDecision.reason})` : '';
    return `VendorError ${error.kind}${status}${why}`;
  }
  if (axios.isAxiosError(error)) return `AxiosError ${error.response?.status ?? error.code ?? ''}`.trim();
  if (error instanceof HTTPError) return `ky HTTPError ${error.response.status}`;
  if (error instanceof HttpStatusError) return `HTTP ${error.status}`;
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 60)}`;
  return typeof error;
}
