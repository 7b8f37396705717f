/**
 * The spent-quota check's fast paths (issue 14): fetch's `Headers` asked directly, and axios'
 * `AxiosHeaders` scanned once. Each must answer exactly as the generic lookup over the same
 * headers as a plain object does; a real axios client is then paced on a spent quota.
 */
import axios, { AxiosHeaders, type AxiosResponse } from 'axios';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upyun } from '../../adapters/index.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';
import { axiosSpentQuotaMs } from '../../src/integrations/axios/quota.js';
import { createPacer } from '../../src/pacer/index.js';
import { spentQuotaMs } from '../../src/retry/quota.js';
import { startVendorSimulator, type VendorSimulator } from '../../src/testing/index.js';

const NAMES = [
  'ratelimit',
  'RateLimit',
  'ratelimit-remaining',
  'RateLimit-Reset',
  'x-ratelimit-remaining',
  'X-RateLimit-Remaining',
  'x-ratelimit-reset',
  'X-RateLimit-Reset',
  'content-type',
  'x-request-id',
];
const VALUES = ['0', ' 0 ', '1', '5', '2', '"p";r=0;t=2', '"p";r=3;t=2', 'x', ''];
/** Header sets without duplicate names in any casing (a plain object and `Headers` differ there). */
const headerSets = fc
  .dictionary(fc.constantFrom(...NAMES), fc.constantFrom(...VALUES), { maxKeys: 5 })
  .filter((h) => new Set(Object.keys(h).map((k) => k.toLowerCase())).size === Object.keys(h).length);

const asAxios = (h: Record<string, string>) => ({ headers: AxiosHeaders.from(h) }) as unknown as AxiosResponse;

describe('spent quota: fast paths answer as the generic lookup', () => {
  it('fetch Headers', () => {
    fc.assert(
      fc.property(headerSets, (h) => {
        expect(spentQuotaMs({ headers: new Headers(h) })).toBe(spentQuotaMs({ headers: h }));
      }),
    );
  });

  it('AxiosHeaders', () => {
    fc.assert(
      fc.property(headerSets, (h) => {
        expect(axiosSpentQuotaMs(asAxios(h))).toBe(spentQuotaMs({ headers: h }));
      }),
    );
  });

  it('real shapes, any casing; headers that are not AxiosHeaders go the generic way', () => {
    expect(axiosSpentQuotaMs(asAxios({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3' }))).toBe(3000);
    expect(axiosSpentQuotaMs(asAxios({ RateLimit: '"p";r=0;t=2' }))).toBe(2000);
    expect(axiosSpentQuotaMs(asAxios({ 'content-type': 'application/json' }))).toBeUndefined();
    const plain = { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3' } } as unknown as AxiosResponse;
    expect(axiosSpentQuotaMs(plain)).toBe(3000);
    const fetchHeaders = { headers: new Headers({ ratelimit: '"p";r=0;t=2' }) } as unknown as AxiosResponse;
    expect(axiosSpentQuotaMs(fetchHeaders)).toBe(2000);
    // A `get` that throws reads as absent, as the generic lookup has it.
    const hostile = new Headers();
    hostile.get = () => {
      throw new Error('no');
    };
    expect(spentQuotaMs({ headers: hostile })).toBeUndefined();
  });
});

describe('axios: the pacer waits on a spent quota before the vendor refuses', () => {
  let sim: VendorSimulator;
  beforeAll(async () => {
    // 2 requests at once, then one every 250 ms; every answer says what is left (X-RateLimit-*).
    sim = await startVendorSimulator({ scenarios: { upyun: { rateLimit: { perSecond: 4, burst: 2, headers: 'x-ratelimit' } } } });
  });
  afterAll(() => sim.close());

  async function run(withPacer: boolean): Promise<Record<string, number>> {
    sim.reset();
    const pacer = withPacer ? createPacer() : undefined;
    try {
      const api = withVendorErrors(axios.create(), {
        adapter: upyun,
        retry: { retries: 5, rateLimitBaseDelayMs: 1, maxDelayMs: 5, pacer: pacer ?? false },
      });
      for (let i = 0; i < 5; i++) expect((await api.get(`${sim.url}/upyun/bucket/q`)).status).toBe(200);
      return { ...sim.stats.vendor('upyun').byStatus };
    } finally {
      pacer?.close?.();
    }
  }

  it('without a pacer the third call is refused (429) and retried; with one, no call is ever refused', async () => {
    expect((await run(false))['429']).toBeGreaterThan(0);
    expect(await run(true)).toEqual({ '200': 5 });
  });
});
