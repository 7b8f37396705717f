/** axios only: the axios integration against a local server. */
import { absent, assert, check, done, localServer } from './lib.mjs';

await check('ky is not installed', () => absent('ky'));
await check('vendor-errors/axios: an UpYun 404 becomes a NotFoundError', async () => {
  const { default: axios } = await import('axios');
  const { withVendorErrors } = await import('vendor-errors/axios');
  const { isVendorError } = await import('vendor-errors');
  const { upyun } = await import('vendor-errors/adapters');
  const server = await localServer(() => [
    404,
    { 'content-type': 'application/json' },
    '{"msg":"file or directory not found","code":40400001,"id":"r"}',
  ]);
  try {
    const client = withVendorErrors(axios.create({ baseURL: server.url }), { adapter: upyun });
    const err = await client.get('/bucket/a').then(
      () => undefined,
      (e) => e,
    );
    assert(isVendorError(err) && err.kind === 'not-found', `got ${err}`);
  } finally {
    await server.close();
  }
});
done('pack probe axios');
