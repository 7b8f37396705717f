/** msw only (2 or 3, whichever this project installed): the handlers answer; ws is not installed. */
import { createRequire } from 'node:module';
import { absent, assert, check, done } from './lib.mjs';

const version = createRequire(import.meta.url)('msw/package.json').version;
await check('ws is not installed', () => absent('ws'));
await check(`vendor-errors/testing/msw on msw ${version}: a scripted 429 then 200`, async () => {
  const { setupServer } = await import('msw/node');
  const { vendorHandlers } = await import('vendor-errors/testing/msw');
  const { createFetch } = await import('vendor-errors/fetch');
  const { upyun } = await import('vendor-errors/adapters');
  const base = 'https://v0.api.upyun.example';
  const server = setupServer(...vendorHandlers('upyun', { baseUrl: base, scenario: { script: [{ code: 42900001 }, 'ok'] } }));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const raw = await fetch(`${base}/bucket/a`);
    assert(raw.status === 429, `first answer ${raw.status}`);
    await raw.text();
    const f = createFetch({ adapter: upyun });
    const res = await f(`${base}/bucket/a`);
    assert(res.status === 200, `then ${res.status}`);
  } finally {
    server.close();
  }
});
done(`pack probe msw ${version}`);
