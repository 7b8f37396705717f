/**
 * Real-browser suite (issue #5, "every runtime"): the fetch and ky integrations, bundled with
 * esbuild from the built package (`dist/`, through the package's exports), run in Debian's
 * Chromium driven by playwright-core, against a local server on 127.0.0.1 (port 0) that also
 * serves the page and the bundle. Nothing else is ever contacted: every request the browser
 * makes to another address is aborted and fails the suite.
 *
 *   npm run build && npm run test:browser
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Bundles test/browser/entry.ts; `vendor-errors/*` resolves through package.json's exports to dist/. */
async function bundle() {
  const selfReference = {
    name: 'self-reference',
    setup(build) {
      build.onResolve({ filter: /^vendor-errors(\/.*)?$/ }, (args) => {
        const sub = args.path === 'vendor-errors' ? '.' : `.${args.path.slice('vendor-errors'.length)}`;
        const entry = pkg.exports?.[sub];
        const target = typeof entry === 'string' ? entry : (entry?.browser ?? entry?.import ?? entry?.default);
        if (!target) return { errors: [{ text: `package.json has no export "${sub}"` }] };
        return { path: join(root, target) };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [join(root, 'test/browser/entry.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [selfReference],
  });
  return result.outputFiles[0].text;
}

/** The page's origin: serves the page, the bundle and scripted vendor answers. */
function startServer(js) {
  const counts = new Map();
  const huge = { written: 0, requests: 0 };
  const sockets = new Set();
  const send = (res, status, body, headers = {}) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(text);
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const n = (counts.get(url.pathname) ?? 0) + 1;
    counts.set(url.pathname, n);
    switch (url.pathname) {
      case '/':
        return send(
          res,
          200,
          '<!doctype html><meta charset="utf-8"><title>vendor-errors</title><script type="module" src="/bundle.js"></script>',
          {
            'content-type': 'text/html; charset=utf-8',
          },
        );
      case '/bundle.js':
        return send(res, 200, js, { 'content-type': 'text/javascript; charset=utf-8' });
      case '/favicon.ico':
        return send(res, 204, '');
      case '/reset':
        counts.delete(url.searchParams.get('path'));
        return send(res, 204, '');
      case '/upyun/missing':
        return send(res, 404, { msg: 'file or directory not found', code: 40400001, id: 'nf' }, { 'x-request-id': 'nf' });
      case '/upyun/flaky':
        return n < 3
          ? send(res, 429, { msg: 'too many requests', code: 42900001, id: `r${n}` }, { 'retry-after': '0' })
          : send(res, 200, { ok: true });
      case '/netease/limited':
        return send(res, 403, { code: 4030001, message: 'Api freq out of limit.' });
      case '/baidu/error-in-200':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"error_code":31219,"error_msg":"request exceed limit","request_id":2939656146461714799}');
      case '/proxy/502':
        return send(
          res,
          502,
          '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>nginx</body></html>',
          {
            'content-type': 'text/html',
          },
        );
      case '/huge/count':
        return send(res, 200, huge);
      case '/huge': {
        // 64 MiB of error body, written as fast as the socket takes it; counts what left.
        huge.requests++;
        res.writeHead(500, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
        const chunk = Buffer.alloc(64 * 1024, 0x78);
        let left = 1024;
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            left--;
            huge.written += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (left === 0) res.end();
        };
        pump();
        return;
      }
      case '/slow':
        // Never answers; the client aborts. Closed with the server.
        return;
      default:
        return send(res, 404, 'no route');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

const skip = !existsSync(CHROMIUM)
  ? `no Chromium at ${CHROMIUM} (apt-get install chromium; .ci/run does)`
  : !(pkg.exports?.['./fetch'] && pkg.exports?.['./ky'])
    ? 'package.json has no ./fetch or ./ky export yet'
    : !existsSync(join(root, 'dist'))
      ? 'dist/ missing: npm run build first'
      : false;

describe('Chromium: fetch and ky integrations', { skip }, () => {
  let server;
  let browser;
  const offOrigin = [];
  const pageErrors = [];
  let results = [];

  before(async () => {
    server = await startServer(await bundle());
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
    const context = await browser.newContext();
    // The only address the page may reach is the local server; anything else is refused.
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (u.hostname === '127.0.0.1' && u.port === String(server.port)) return route.continue();
      offOrigin.push(u.href);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${server.origin}/`);
    await page.waitForFunction(() => typeof globalThis.runAll === 'function', null, { timeout: 20_000 });
    results = await page.evaluate((origin) => globalThis.runAll(origin), server.origin);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('ran the checks in the page', () => {
    assert.ok(results.length >= 10, `only ${results.length} results`);
  });

  it('every check passed in the browser', async (t) => {
    for (const r of results) {
      await t.test(r.name, () => {
        t.diagnostic(`${r.name}: ${r.detail}`);
        assert.ok(r.ok, `${r.name}: ${r.detail}`);
      });
    }
  });

  it('no uncaught page errors', () => {
    assert.deepEqual(pageErrors, []);
  });

  it('no request left 127.0.0.1', () => {
    assert.deepEqual(offOrigin, []);
  });
});
