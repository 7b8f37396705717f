/**
 * Node 20 smoke suite (issue #5, "every runtime"): the built package (`dist/`), imported the way
 * users import it (package self-reference through `exports`), on the machine's own Node 20.
 * Plain `node:test`, no vitest, no TypeScript. Run with `npm run test:node20` (which finds the
 * system node, not node_modules/.bin's Node 24) after `npm run build`.
 *
 * Only 127.0.0.1 is ever contacted.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const exported = (sub) => Object.hasOwn(pkg.exports ?? {}, sub);

const expectedMajor = process.env.EXPECT_NODE_MAJOR ?? (process.env.CI ? '20' : undefined);

describe('runtime', () => {
  it(`runs on Node ${expectedMajor ?? 'any (set EXPECT_NODE_MAJOR or CI to pin)'}`, () => {
    if (expectedMajor)
      assert.ok(
        process.versions.node.startsWith(`${expectedMajor}.`),
        `expected Node ${expectedMajor}, got ${process.versions.node}`,
      );
  });
});

describe('every export resolves and loads', () => {
  for (const sub of Object.keys(pkg.exports)) {
    if (sub === './package.json') continue;
    const specifier = sub === '.' ? 'vendor-errors' : `vendor-errors${sub.slice(1)}`;
    it(specifier, async () => {
      const mod = await import(specifier);
      const values = Object.values(mod);
      assert.ok(values.length > 0, `${specifier} exports nothing`);
      assert.ok(
        values.some((v) => typeof v === 'function' || (typeof v === 'object' && v !== null)),
        `${specifier} exports no function or object`,
      );
    });
  }
});

describe('core and adapters', async () => {
  const core = await import('vendor-errors');
  const adapters = await import('vendor-errors/adapters');

  it('classifies one documented error per vendor', () => {
    const cases = [
      [
        adapters.upyun,
        { status: 429, body: '{"msg":"too many requests","code":42900001,"id":"abc"}' },
        'rate-limited',
        core.RateLimitError,
      ],
      [
        adapters.baiduPcs,
        { status: 200, body: '{"error_code":31219,"error_msg":"request exceed limit","request_id":2939656146461714799}' },
        'rate-limited',
        core.RateLimitError,
      ],
      [
        adapters.netease,
        { status: 403, body: '{"code":4030001,"message":"Api freq out of limit."}' },
        'rate-limited',
        core.RateLimitError,
      ],
      [adapters.apiSwitch, { status: 500, body: '{"Code":10004,"Message":"internal error"}' }, undefined, core.VendorError],
      [
        adapters.mfp,
        { body: '{"status":"error","retcode":10005,"data":null,"message":"Rate Limit Exceeded","id":"1"}' },
        'rate-limited',
        core.RateLimitError,
      ],
    ];
    for (const [adapter, input, kind, cls] of cases) {
      const err = core.normalize(adapter, input);
      assert.ok(core.isVendorError(err), adapter.name);
      assert.ok(err instanceof cls, `${adapter.name}: ${err.name}`);
      if (kind) assert.equal(err.kind, kind, adapter.name);
      assert.equal(typeof JSON.stringify(err), 'string');
      assert.equal(typeof inspect(err), 'string');
    }
    // Baidu request ids above 2^53 keep their exact digits.
    const baidu = core.normalize(adapters.baiduPcs, {
      status: 200,
      body: '{"error_code":31219,"request_id":2939656146461714799}',
    });
    assert.equal(baidu.requestId, '2939656146461714799');
    assert.equal(core.normalize(adapters.baiduPcs, { status: 200, body: '{"error_code":0,"error_msg":"no error"}' }), undefined);
  });

  it('redacts credentials in message, JSON and inspect', () => {
    const err = core.normalize(adapters.baiduPcs, {
      status: 401,
      url: 'https://pcs.baidu.com/rest/2.0/pcs/file?method=list&access_token=NODE20SECRET',
      body: '{"error_code":110,"error_msg":"Cookie: BDUSS=NODE20BDUSS; a=1"}',
      cause: Object.assign(new Error('Authorization: UPYUN op:NODE20SIG'), {
        config: { headers: { Authorization: 'UPYUN op:NODE20SIG' } },
      }),
    });
    for (const text of [err.message, JSON.stringify(err), inspect(err, { depth: 10, showHidden: true }), String(err.stack)]) {
      assert.doesNotMatch(text, /NODE20(SECRET|BDUSS|SIG)/);
    }
  });

  it('never throws on garbage', () => {
    const garbage = [
      null,
      undefined,
      0,
      '',
      '{',
      '<html>',
      new Uint8Array([0xff, 0xfe]),
      [],
      { __proto__: null },
      'x'.repeat(1_000_000),
    ];
    for (const adapter of Object.values(adapters)) {
      for (const body of garbage) {
        for (const status of [0, 100, 200, 404, 503, 999, -1, Number.NaN]) {
          const r = core.normalize(adapter, { status, body });
          assert.ok(r === undefined || core.isVendorError(r));
        }
      }
    }
    assert.equal({}.polluted, undefined);
  });

  it('the retry engine retries, waits and records its history', async () => {
    let calls = 0;
    const err = await core
      .retry(
        async () => {
          calls++;
          throw core.normalize(adapters.upyun, { status: 503, body: '{"code":50300001,"msg":"write hub failed"}' });
        },
        { retries: 2, baseDelayMs: 1, maxDelayMs: 2, method: 'GET' },
      )
      .catch((e) => e);
    assert.equal(calls, 3);
    assert.equal(err.attempts.length, 3);
    assert.equal(err.retryDecision.reason, 'attempts-exhausted');
    const aborted = await (await import('vendor-errors/advanced')).sleep(10_000, AbortSignal.timeout(5)).catch((e) => e);
    assert.equal(aborted.name, 'TimeoutError');
  });
});

describe('the CLI (bin) on this Node', () => {
  it('explains a code', () => {
    const bin = join(root, pkg.bin['vendor-errors']);
    const out = execFileSync(process.execPath, [bin, 'explain', 'upyun', '42900001'], { encoding: 'utf8' });
    assert.match(out, /TOO_MANY_REQUESTS/);
    const json = JSON.parse(
      execFileSync(process.execPath, [bin, 'explain', 'baidu-pcs', '31219', '--json'], { encoding: 'utf8' }),
    );
    assert.ok(json);
  });
});

/** A local server whose answers the tests script, one route per case. */
function startServer(routes) {
  const counts = new Map();
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route(req, res, n);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, counts, close: () => new Promise((r) => server.close(r)), server });
    });
  });
}

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const written = { huge: 0, closed: false };
const routes = {
  '/flaky': (_req, res, n) =>
    n < 3
      ? json(res, 429, { msg: 'too many requests', code: 42900001, id: `r${n}` }, { 'retry-after': '0' })
      : json(res, 200, { ok: true }),
  '/missing': (_req, res) => json(res, 404, { msg: 'file or directory not found', code: 40400001, id: 'nf' }),
  '/baidu200': (_req, res) => json(res, 200, { error_code: 31219, error_msg: 'request exceed limit', request_id: 1 }),
  '/html502': (_req, res) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
  },
  // 64 MiB of error body, written as fast as the socket takes it: the client must stop reading.
  '/huge': (req, res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    let left = 1024;
    res.on('close', () => {
      written.closed = true;
    });
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        left--;
        written.huge += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (left === 0) res.end();
    };
    req.socket.setNoDelay(true);
    pump();
  },
};

describe('integrations against a local server', { skip: !exported('./fetch') && 'no ./fetch export yet' }, () => {
  let server;
  before(async () => {
    server = await startServer(routes);
  });
  after(async () => {
    await server?.close();
  });

  it('fetch: retries a rate limit, then resolves', async () => {
    const { createFetch } = await import('vendor-errors/fetch');
    const { upyun } = await import('vendor-errors/adapters');
    const f = createFetch({ adapter: upyun, retry: { retries: 3, baseDelayMs: 1, rateLimitBaseDelayMs: 1, maxDelayMs: 5 } });
    const res = await f(`${server.url}/flaky`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true });
  });

  it('fetch: a 404 rejects with NotFoundError; Baidu errors in 200 and proxy HTML are errors', async () => {
    const core = await import('vendor-errors');
    const { createFetch } = await import('vendor-errors/fetch');
    const { upyun, baiduPcs } = await import('vendor-errors/adapters');
    const nf = await createFetch({ adapter: upyun })(`${server.url}/missing`).catch((e) => e);
    assert.ok(nf instanceof core.NotFoundError, String(nf));
    assert.equal(nf.requestId, 'nf');
    const b = await createFetch({ adapter: baiduPcs, retry: false })(`${server.url}/baidu200?access_token=NODE20TOKEN`).catch(
      (e) => e,
    );
    assert.equal(b.kind, 'rate-limited');
    assert.doesNotMatch(JSON.stringify(b) + inspect(b), /NODE20TOKEN/);
    const html = await createFetch({ adapter: upyun, retry: false })(`${server.url}/html502`).catch((e) => e);
    assert.ok(core.isVendorError(html));
    assert.equal(html.status, 502);
  });

  it('fetch: a 64 MiB error body is cut at the cap, not read to the end', async (t) => {
    const { createFetch } = await import('vendor-errors/fetch');
    const { upyun } = await import('vendor-errors/adapters');
    const t0 = performance.now();
    const err = await createFetch({ adapter: upyun, retry: false })(`${server.url}/huge`).catch((e) => e);
    assert.equal(err.status, 500);
    assert.ok(performance.now() - t0 < 5000);
    // The server stops when the client cancels; socket buffers let some MiB through at most.
    await new Promise((r) => setTimeout(r, 200));
    t.diagnostic(`server wrote ${written.huge} of ${64 * 1024 * 1024} bytes before the client cancelled`);
    assert.ok(written.huge < 16 * 1024 * 1024, `server wrote ${written.huge} bytes`);
  });

  it('ky and axios integrations load and classify on this Node', {
    skip: !(exported('./ky') && exported('./axios')) && 'no ./ky or ./axios export yet',
  }, async () => {
    const core = await import('vendor-errors');
    const { upyun } = await import('vendor-errors/adapters');
    const { vendorErrors } = await import('vendor-errors/ky');
    const { withVendorErrors } = await import('vendor-errors/axios');
    const ky = (await import('ky')).default;
    const axios = (await import('axios')).default;
    const k = await ky.get(`${server.url}/missing`, vendorErrors({ adapter: upyun, retry: false })).catch((e) => e);
    assert.ok(k instanceof core.NotFoundError, String(k));
    const client = withVendorErrors(axios.create(), { adapter: upyun, retry: false });
    const a = await client.get(`${server.url}/missing`).catch((e) => e);
    assert.ok(a instanceof core.NotFoundError, String(a));
  });
});

describe('the simulator on this Node', {
  skip: !(exported('./testing') && exported('./fetch')) && 'no ./testing export yet',
}, () => {
  it('a rate-limited vendor answers in its own format and the fetch integration reads it', async () => {
    const { startVendorSimulator } = await import('vendor-errors/testing');
    const { createFetch } = await import('vendor-errors/fetch');
    const { netease } = await import('vendor-errors/adapters');
    const core = await import('vendor-errors');
    const sim = await startVendorSimulator({ scenarios: { netease: { rateLimit: { perSecond: 1, burst: 1 } } } });
    try {
      const f = createFetch({ adapter: netease, retry: false });
      const first = await f(`${sim.url}/netease/api/v1/repositories`).then(
        (r) => r.status,
        (e) => e,
      );
      assert.ok(first === 200 || core.isVendorError(first));
      const second = await f(`${sim.url}/netease/api/v1/repositories`).catch((e) => e);
      assert.ok(core.isVendorError(second), String(second));
      assert.equal(second.kind, 'rate-limited');
    } finally {
      await sim.close();
    }
  });
});
