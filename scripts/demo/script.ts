/**
 * What the demo runs: per vendor, a short script of calls through its example SDK, each with
 * the outcome it must have. The scenarios are the simulator's; the seeded ones (flaky, proxy 502)
 * answer the same way on every run because their calls are made one after another.
 */
import type { ErrorKind, RetryStopReason } from 'vendor-errors';
import type { VendorScenario } from 'vendor-errors/testing';
import type { BaiduPcsClient } from '../../examples/baidu-pcs-ky.ts';
import type { MfpClient } from '../../examples/mfp-ws.ts';
import type { NeteaseClient } from '../../examples/netease-fetch.ts';
import type { UpyunClient } from '../../examples/upyun-axios.ts';

/** The simulator's name of each vendor, and the client its example SDK is built on. */
export const CLIENTS = { upyun: 'axios', 'baidu-pcs': 'ky', netease: 'fetch', mfp: 'ws' } as const;
export type Vendor = keyof typeof CLIENTS;

/** A call must succeed; `retried`: the step must have needed at least one retry to get there. */
export interface ExpectOk {
  readonly ok: true;
  readonly retried?: boolean;
}

/** A call must fail with exactly this error, after exactly `requests` requests when given. */
export interface ExpectError {
  readonly error: string;
  readonly kind: ErrorKind;
  readonly code?: number | string;
  readonly status?: number;
  readonly stop: RetryStopReason;
  readonly requests?: number;
}

export type Expectation = ExpectOk | ExpectError;

export interface DemoCall {
  /** What the output line names, e.g. `getFile /docs/readme.txt`. */
  readonly label: string;
  readonly run: () => Promise<unknown>;
}

export interface DemoStep {
  readonly vendor: Vendor;
  readonly title: string;
  /** Set for the step, cleared after it. */
  readonly scenario?: VendorScenario;
  /** All at once (a burst) rather than one after another. */
  readonly concurrent?: boolean;
  readonly calls: readonly DemoCall[];
  readonly expect: Expectation;
}

export interface DemoClients {
  readonly upyun: UpyunClient;
  readonly pcs: BaiduPcsClient;
  readonly netease: NeteaseClient;
  readonly mfp: MfpClient;
}

const forced = (code: number) => ({ headers: { 'x-simulate-code': String(code) } });

function times(n: number, label: (i: number) => string, run: (i: number) => Promise<unknown>): DemoCall[] {
  return Array.from({ length: n }, (_, i) => ({ label: label(i), run: () => run(i) }));
}

/** A token bucket that lets 2 requests through at once and 20 a second after that. */
const BURST = { perSecond: 20, burst: 2 } as const;

export function demoScript({ upyun, pcs, netease, mfp }: DemoClients): DemoStep[] {
  return [
    // UpYun on axios
    {
      vendor: 'upyun',
      title: 'read and write a file',
      calls: [
        { label: 'putFile /docs/readme.txt', run: () => upyun.putFile('/docs/readme.txt', 'hello from the demo') },
        { label: 'getFile /docs/readme.txt', run: () => upyun.getFile('/docs/readme.txt') },
      ],
      expect: { ok: true },
    },
    {
      vendor: 'upyun',
      title: 'a missing file (forced 40400001)',
      calls: [{ label: 'getFile /docs/missing.txt', run: () => upyun.getFile('/docs/missing.txt', forced(40400001)) }],
      expect: { error: 'NotFoundError', kind: 'not-found', code: 40400001, status: 404, stop: 'not-retryable', requests: 1 },
    },
    {
      vendor: 'upyun',
      title: 'rate-limit burst: 6 GETs at once into a bucket of 2 (429 42900001 with a retry-after-ms hint)',
      scenario: { rateLimit: { ...BURST, retryAfter: 'ms' } },
      concurrent: true,
      calls: times(
        6,
        (i) => `getFile /photos/${i}.jpg`,
        (i) => upyun.getFile(`/photos/${i}.jpg`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'upyun',
      title: 'flaky 503 family (50300000) on GET and PUT: retried until it answers',
      scenario: { flaky: { rate: 0.5 } },
      calls: [
        { label: 'getFile /docs/a.txt', run: () => upyun.getFile('/docs/a.txt') },
        { label: 'putFile /docs/b.txt', run: () => upyun.putFile('/docs/b.txt', 'b') },
        { label: 'getFile /docs/c.txt', run: () => upyun.getFile('/docs/c.txt') },
      ],
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'upyun',
      title: 'an nginx HTML 502 page on every second request: DELETE is idempotent, so retried',
      scenario: { proxy502: 0.5 },
      calls: times(
        3,
        (i) => `deleteFile /tmp/${i}.txt`,
        (i) => upyun.deleteFile(`/tmp/${i}.txt`),
      ),
      expect: { ok: true, retried: true },
    },

    // Baidu PCS on ky
    {
      vendor: 'baidu-pcs',
      title: 'metadata, a listing and an upload',
      calls: [
        { label: 'meta /apps/demo/readme.txt', run: () => pcs.meta('/apps/demo/readme.txt') },
        { label: 'list /apps/demo', run: () => pcs.list('/apps/demo') },
        { label: 'upload /apps/demo/new.txt', run: () => pcs.upload('/apps/demo/new.txt', 'new') },
      ],
      expect: { ok: true },
    },
    {
      vendor: 'baidu-pcs',
      title: 'a missing file (forced 31066: the table says 403, the server sends 404)',
      calls: [{ label: 'meta /apps/demo/missing.txt', run: () => pcs.meta('/apps/demo/missing.txt', forced(31066)) }],
      expect: { error: 'NotFoundError', kind: 'not-found', code: 31066, status: 404, stop: 'not-retryable', requests: 1 },
    },
    {
      vendor: 'baidu-pcs',
      title: 'an expired token reported inside an HTTP 200 (forced 111)',
      scenario: { errorIn200: 1 },
      calls: [{ label: 'list /apps/demo', run: () => pcs.list('/apps/demo', forced(111)) }],
      expect: {
        error: 'AuthenticationError',
        kind: 'unauthenticated',
        code: 111,
        status: 200,
        stop: 'not-retryable',
        requests: 1,
      },
    },
    {
      vendor: 'baidu-pcs',
      title: 'rate-limit burst: 6 listings at once into a bucket of 2 (31219 sent as 403, no hint)',
      scenario: { rateLimit: BURST },
      concurrent: true,
      calls: times(
        6,
        (i) => `list /apps/demo/${i}`,
        (i) => pcs.list(`/apps/demo/${i}`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'baidu-pcs',
      title: 'rate limits hidden inside HTTP 200: still retried',
      scenario: { rateLimit: { perSecond: 20, burst: 1 }, errorIn200: 1 },
      concurrent: true,
      calls: times(
        3,
        (i) => `meta /apps/demo/${i}.txt`,
        (i) => pcs.meta(`/apps/demo/${i}.txt`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'baidu-pcs',
      title: 'flaky 503 (31212) on GET: retried until it answers',
      scenario: { flaky: { rate: 0.5 } },
      calls: times(
        3,
        (i) => `meta /apps/demo/f${i}.txt`,
        (i) => pcs.meta(`/apps/demo/f${i}.txt`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'baidu-pcs',
      title: 'an upload (POST) answered 503 (forced 31212): not retried, the file may be written',
      calls: [{ label: 'upload /apps/demo/big.bin', run: () => pcs.upload('/apps/demo/big.bin', 'big', forced(31212)) }],
      expect: {
        error: 'ServiceUnavailableError',
        kind: 'unavailable',
        code: 31212,
        status: 503,
        stop: 'not-idempotent',
        requests: 1,
      },
    },

    // NetEase CloudComb on fetch
    {
      vendor: 'netease',
      title: 'list and create containers',
      calls: [
        { label: 'listContainers', run: () => netease.listContainers() },
        { label: 'createContainer web-1', run: () => netease.createContainer('web-1') },
      ],
      expect: { ok: true },
    },
    {
      vendor: 'netease',
      title: 'a missing container (forced 4040002)',
      calls: [{ label: 'listContainers', run: () => netease.listContainers(forced(4040002)) }],
      expect: { error: 'NotFoundError', kind: 'not-found', code: 4040002, status: 404, stop: 'not-retryable', requests: 1 },
    },
    {
      vendor: 'netease',
      title: 'rate-limit burst: 6 listings at once into a bucket of 2 (4030001 sent as 403!)',
      scenario: { rateLimit: BURST },
      concurrent: true,
      calls: times(
        6,
        () => 'listContainers',
        () => netease.listContainers(),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'netease',
      title: '"System busy" (4000199 sent as 400!) on POST: the vendor refused before acting, so retried',
      scenario: { flaky: { rate: 0.5, code: 4000199 } },
      calls: times(
        3,
        (i) => `createContainer job-${i}`,
        (i) => netease.createContainer(`job-${i}`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'netease',
      title: 'a POST answered by a proxy 502 page: not retried, the container may exist',
      scenario: { proxy502: 1 },
      calls: [{ label: 'createContainer web-2', run: () => netease.createContainer('web-2') }],
      expect: { error: 'ServiceUnavailableError', kind: 'unavailable', status: 502, stop: 'not-idempotent', requests: 1 },
    },
    {
      vendor: 'netease',
      title: 'a POST answered 500 (forced 5000007): not retried either',
      calls: [{ label: 'createContainer web-3', run: () => netease.createContainer('web-3', forced(5000007)) }],
      expect: { error: 'InternalServerError', kind: 'internal', code: 5000007, status: 500, stop: 'not-idempotent', requests: 1 },
    },

    // MFP daemon over WebSocket
    {
      vendor: 'mfp',
      title: 'list instances and start one',
      calls: [
        { label: 'get_instance_list', run: () => mfp.listInstances() },
        { label: 'start_instance survival', run: () => mfp.startInstance('survival') },
      ],
      expect: { ok: true },
    },
    {
      vendor: 'mfp',
      title: 'a missing instance (forced 30001)',
      calls: [
        {
          label: 'get_instance missing',
          run: () => mfp.request('get_instance', { id: 'missing', simulate_code: 30001 }, { idempotent: true }),
        },
      ],
      expect: { error: 'NotFoundError', kind: 'not-found', code: 30001, stop: 'not-retryable', requests: 1 },
    },
    {
      vendor: 'mfp',
      title: 'rate-limit burst: 6 starts at once into a bucket of 2 (10005, no hint): retried although not idempotent',
      scenario: { rateLimit: BURST },
      concurrent: true,
      calls: times(
        6,
        (i) => `start_instance i-${i}`,
        (i) => mfp.startInstance(`i-${i}`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'mfp',
      title: 'Action Unavailable (10004) now and then: refused before acting, so retried',
      scenario: { flaky: { rate: 0.5 } },
      calls: times(
        3,
        (i) => `start_instance s-${i}`,
        (i) => mfp.startInstance(`s-${i}`),
      ),
      expect: { ok: true, retried: true },
    },
    {
      vendor: 'mfp',
      title: 'an Unexpected Error (forced 20001) on a start: not retried, it may have started',
      calls: [{ label: 'start_instance x', run: () => mfp.request('start_instance', { id: 'x', simulate_code: 20001 }) }],
      expect: { error: 'InternalServerError', kind: 'internal', code: 20001, stop: 'not-idempotent', requests: 1 },
    },
  ];
}
