/** No optional peer installed: the root, adapters, fetch and testing entries load and work. */
import { request } from 'node:http';
import { absent, assert, check, done, localServer, missingPeer } from './lib.mjs';

for (const peer of ['ws', 'msw', 'ky', 'axios', '@opentelemetry/api'])
  await check(`${peer} is not installed`, () => absent(peer));

await check('vendor-errors + adapters: normalize a NetEase 403 4030001', async () => {
  const { normalize, RateLimitError } = await import('vendor-errors');
  const { netease } = await import('vendor-errors/adapters');
  const err = normalize(netease, { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' });
  assert(err instanceof RateLimitError && err.kind === 'rate-limited', `got ${err?.kind}`);
});

await check('vendor-errors/fetch: a 429 retried, then the 200', async () => {
  const { createFetch } = await import('vendor-errors/fetch');
  const { upyun } = await import('vendor-errors/adapters');
  let n = 0;
  const server = await localServer(() =>
    ++n === 1
      ? [429, { 'content-type': 'application/json' }, '{"msg":"too many requests","code":42900001,"id":"r1"}']
      : [200, {}, 'ok'],
  );
  try {
    const f = createFetch({ adapter: upyun, retry: { retries: 2, baseDelayMs: 5, rateLimitBaseDelayMs: 5 } });
    const res = await f(`${server.url}/bucket/a`);
    assert(res.status === 200 && (await res.text()) === 'ok' && n === 2, `status ${res.status} after ${n} requests`);
  } finally {
    await server.close();
  }
});

await check('vendor-errors/testing: the core answers without msw or ws', async () => {
  const { createSimulatorCore } = await import('vendor-errors/testing');
  const core = createSimulatorCore({ scenarios: { netease: { rateLimit: { perSecond: 1 } } } });
  const a = core.handle({ vendor: 'netease', path: '/x', now: 0 });
  const b = core.handle({ vendor: 'netease', path: '/x', now: 0 });
  assert(a.status === 200 && b.status === 403 && b.code === 4030001, `${a.status} ${b.status} ${b.code}`);
});

await check('vendor-errors/testing: the simulator serves HTTP vendors without ws; MFP upgrade → 501 naming ws', async () => {
  const { startVendorSimulator } = await import('vendor-errors/testing');
  const sim = await startVendorSimulator();
  try {
    const res = await fetch(`${sim.url}/upyun/bucket/a`, { headers: { 'x-simulate-code': '42900001' } });
    assert(res.status === 429, `HTTP status ${res.status}`);
    await res.text();
    const url = new URL(sim.wsUrl);
    const [status, body] = await new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port: url.port,
        path: url.pathname,
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', (r) => {
        let text = '';
        r.on('data', (c) => (text += c));
        r.on('end', () => resolve([r.statusCode, text]));
      });
      req.on('upgrade', () => reject(new Error('upgraded without ws')));
      req.on('error', reject);
      req.end();
    });
    assert(status === 501 && body.includes('"ws"'), `upgrade answered ${status}: ${body}`);
  } finally {
    await sim.close();
  }
});

await check('vendor-errors/testing/msw without msw: fails naming msw', () => missingPeer('vendor-errors/testing/msw', 'msw'));
await check('vendor-errors/ky without ky: loads (it returns ky options and imports only ky types)', async () => {
  const { vendorErrors } = await import('vendor-errors/ky');
  const { netease } = await import('vendor-errors/adapters');
  const options = vendorErrors({ adapter: netease });
  assert(typeof options === 'object' && options.hooks, 'no hooks in the options');
});
await check('vendor-errors/axios without axios: fails naming axios', () => missingPeer('vendor-errors/axios', 'axios'));
await check('vendor-errors/otel without @opentelemetry/api: fails naming it', () =>
  missingPeer('vendor-errors/otel', '@opentelemetry/api'),
);

done('pack probe no-peers');
