/** ky only: the ky integration against a local server. */
import { absent, assert, check, done, localServer } from './lib.mjs';

await check('axios is not installed', () => absent('axios'));
await check('vendor-errors/ky: a NetEase 403 4030001 retried, then the 200', async () => {
  const { default: ky } = await import('ky');
  const { vendorErrors } = await import('vendor-errors/ky');
  const { netease } = await import('vendor-errors/adapters');
  let n = 0;
  const server = await localServer(() =>
    ++n === 1
      ? [403, { 'content-type': 'application/json' }, '{"code":4030001,"message":"Api freq out of limit."}']
      : [200, { 'content-type': 'application/json' }, '{"ok":true}'],
  );
  try {
    const api = ky.create(vendorErrors({ adapter: netease, retry: { baseDelayMs: 5, rateLimitBaseDelayMs: 5 } }));
    const body = await api.get(`${server.url}/api/v1/apps`).json();
    assert(body.ok === true && n === 2, `after ${n} requests`);
  } finally {
    await server.close();
  }
});
done('pack probe ky');
