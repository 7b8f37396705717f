/**
 * Issue #5 for the client integrations (fetch, ky, axios): hostile responses from a real local
 * server (127.0.0.1) only ever come out as VendorErrors; error bodies are read up to the cap
 * and the rest is cancelled, which a counting ReadableStream (fetch, ky) and a counting
 * streaming server (all three) prove; planted credentials never show.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSwitch, baiduPcs, mfp, netease, upyun } from '../../adapters/index.js';
import { type Adapter, isVendorError, type RetryOptions, type VendorError } from '../../src/index.js';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/advanced.js';
import { fetchHeaderPairsArb, textBodyArb } from './arbitraries.js';
import { type Answer, type ClientSet, loadClients, type ScriptedServer, startScriptedServer } from './clients.js';
import { assertAsyncProperty, assertNoPollution, assertVendorOutcome, casesRun } from './invariants.js';
import { all, echoes, leaks, plant, secretHeaders, secretUrl } from './secrets.js';

const ADAPTERS: readonly Adapter[] = [upyun, baiduPcs, netease, apiSwitch, mfp];
const clients = await loadClients();
let server: ScriptedServer;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  server = await startScriptedServer();
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.close();
  console.log(`[hardening] integrations.fuzz: ${casesRun()} generated cases over ${clients.map((c) => c.name).join(', ')}`);
});

// About what comes out, not pacing: unpaced, so one run's hostile 429s and 503s never hold the next.
const QUICK_RETRY: RetryOptions = {
  retries: 1,
  baseDelayMs: 0,
  rateLimitBaseDelayMs: 0,
  maxDelayMs: 0,
  maxRetryAfterMs: 20,
  pacer: false,
};

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/html',
  'text/plain',
  'application/octet-stream',
  'application/xml',
];

/** An answer a vendor, a proxy or a broken server could send. 1xx is never final, so never sent. */
const answerArb: fc.Arbitrary<Answer> = fc.record({
  // 3xx (no Location, so nothing is followed) has its own test below: clients disagree on it.
  status: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 200, max: 599 }).filter((s) => s < 300 || s >= 400) },
    { weight: 2, arbitrary: fc.constantFrom(200, 204, 400, 401, 403, 404, 429, 500, 502, 503, 504) },
    { weight: 1, arbitrary: fc.constantFrom(600, 601, 700, 999) },
  ),
  headers: fc
    .tuple(fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }), fetchHeaderPairsArb)
    .map(([type, pairs]) => {
      const out: [string, string][] = pairs.filter(([k]) => k !== 'content-type');
      if (type) out.push(['content-type', type]);
      return out;
    }),
  body: fc.oneof(
    { weight: 4, arbitrary: textBodyArb },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
});

describe.skipIf(clients.length === 0).each(clients.map((c) => [c.name, c] as const))(
  '%s integration',
  (name, client: ClientSet) => {
    it('hostile responses: only VendorErrors come out, and every failure status rejects', async () => {
      await assertAsyncProperty(
        fc.asyncProperty(fc.nat(ADAPTERS.length - 1), answerArb, fc.boolean(), async (a, answer, retries) => {
          const adapter = ADAPTERS[a]!;
          const path = server.answer(answer);
          const out = await client.call(`${server.origin}${path}`, { adapter, retry: retries ? QUICK_RETRY : false });
          if (!out.ok) {
            if (!isVendorError(out.error))
              throw new Error(`${name}/${adapter.name}: rejected with a non-VendorError: ${inspect(out.error)}`);
            assertVendorOutcome(out.error);
            // The integration knows the status it got; a failure must carry it.
            if (answer.status >= 400 && answer.status <= 599)
              expect((out.error as VendorError).status ?? answer.status).toBe(answer.status);
          } else {
            expect(answer.status < 400, `${name}/${adapter.name}: status ${answer.status} resolved`).toBe(true);
          }
          assertNoPollution();
        }),
        1_000,
      );
      expect(unhandled).toEqual([]);
    }, 120_000);

    // Fixed (axios, with boundErrorBodies): each attempt asks axios' own transport for `responseType: 'stream'`, reads at most
    // the cap of an error body and destroys the rest (src/integrations/axios/convert.ts); accepted
    // bodies are buffered and converted as axios would (test/integrations/axios-body.test.ts).
    it('a 64 MiB error body from a streaming server: the client stops after the cap', async () => {
      const written = { bytes: 0, closed: false };
      const path = server.answer((req, res) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        res.write('{"code":50300001,"msg":"');
        let left = 1024;
        res.on('close', () => {
          written.closed = true;
        });
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            left--;
            written.bytes += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          if (left === 0) res.end('"}');
        };
        req.socket.setNoDelay(true);
        pump();
      });
      const t0 = performance.now();
      // axios streams (and so bounds) error bodies only when asked: the default buffers them whole.
      const out = await client.call(`${server.origin}${path}`, { adapter: upyun, retry: false, boundErrorBodies: true });
      const ms = performance.now() - t0;
      expect(out.ok).toBe(false);
      const err = out.ok ? undefined : out.error;
      expect(isVendorError(err)).toBe(true);
      expect((err as VendorError).status).toBe(500);
      await new Promise((r) => setTimeout(r, 300));
      console.log(
        `[hardening] ${name}: 64 MiB error body, server wrote ${written.bytes} bytes (${Math.round(ms)} ms), connection closed: ${written.closed}`,
      );
      // Socket and client buffers let a few MiB through; reading it all would be 64 MiB.
      expect(written.bytes).toBeLessThan(16 * 1024 * 1024);
      expect(written.closed).toBe(true);
    });

    it.skipIf(name === 'axios')(
      'a counting ReadableStream: at most the cap (+ one chunk) is pulled, then it is cancelled',
      async () => {
        const CHUNK = 16 * 1024;
        for (const cap of [DEFAULT_MAX_BODY_BYTES, 1024, 1]) {
          for (const adapter of [upyun, baiduPcs]) {
            let pulled = 0;
            let cancelled = false;
            const body = new ReadableStream<Uint8Array>(
              {
                pull(c) {
                  if (pulled >= 50 * 1024 * 1024) {
                    c.close();
                    return;
                  }
                  pulled += CHUNK;
                  c.enqueue(new Uint8Array(CHUNK).fill(0x61));
                },
                cancel() {
                  cancelled = true;
                },
              },
              { highWaterMark: 0 },
            );
            const fake = async () => new Response(body, { status: 503, headers: { 'content-type': 'text/plain' } });
            const out = await client.call('http://127.0.0.1:9/never-contacted', {
              adapter,
              retry: false,
              maxBodyBytes: cap,
              fetch: fake,
            });
            expect(out.ok).toBe(false);
            expect(isVendorError(!out.ok && out.error)).toBe(true);
            await new Promise((r) => setTimeout(r, 20));
            expect(pulled, `${name} ${adapter.name} cap ${cap}`).toBeLessThanOrEqual(cap + CHUNK);
            expect(cancelled, `${name} ${adapter.name} cap ${cap}: stream cancelled`).toBe(true);
          }
        }
      },
    );

    it('planted credentials (query, Authorization, Cookie, echoes) never show in the error', async () => {
      for (const adapter of ADAPTERS) {
        const p = plant();
        for (const echo of echoes(p)) {
          const bodyFor: Record<string, unknown> = {
            upyun: { msg: echo, code: 40100005, id: 'x' },
            'baidu-pcs': { error_code: 110, error_msg: echo, request_id: 1 },
            netease: { code: 4010001, message: echo },
            'api-switch': { Code: 10004, Message: echo },
            mfp: { status: 'error', retcode: 10001, message: echo, id: 'x' },
          };
          const path = server.answer({
            status: 401,
            headers: [
              ['content-type', 'application/json'],
              ['set-cookie', `BDUSS=${p.bduss}; Path=/`],
              ['www-authenticate', `UPYUN realm="${p.sign}"`],
            ],
            body: JSON.stringify(bodyFor[adapter.name]),
          });
          const url = secretUrl(p, `${server.origin}${path}`);
          const out = await client.call(url, { adapter, retry: false, headers: secretHeaders(p) });
          expect(out.ok).toBe(false);
          const err = (out as { error: unknown }).error;
          expect(isVendorError(err)).toBe(true);
          expect(leaks(err, all(p)), `${name}/${adapter.name}: ${echo}`).toEqual([]);
          // The request really carried them (else the scan proves nothing).
          expect(server.seen(path)?.headers.cookie).toContain(p.bduss);
        }
      }
    });

    // Fixed (ky): a 3xx without Location is no failure for normalize, so the loop hands the response
    // to ky, whose throwHttpErrors rejects with its HTTPError; convertKyError now turns every
    // HTTPError into a VendorError (the kind its status implies, ky's error as cause).
    it('a 3xx without Location: resolves or rejects with a VendorError, never a client error', async () => {
      for (const status of [300, 301, 302, 303, 304, 307, 308, 399]) {
        for (const adapter of [upyun, baiduPcs]) {
          const path = server.answer({
            status,
            headers: [['content-type', 'text/plain']],
            body: status === 304 ? undefined : 'moved',
          });
          const out = await client.call(`${server.origin}${path}`, { adapter, retry: false });
          if (!out.ok) expect(isVendorError(out.error), `${name} ${status}: ${inspect(out.error).slice(0, 200)}`).toBe(true);
        }
      }
    });

    // Baidu reports errors under HTTP 200; the axios integration then builds the cause itself.
    it('an error hidden in a 200: planted credentials never show in the error', async () => {
      const p = plant();
      const path = server.answer({
        status: 200,
        headers: [['content-type', 'application/json']],
        body: `{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":2939656146461714799}`,
      });
      const out = await client.call(secretUrl(p, `${server.origin}${path}`), {
        adapter: baiduPcs,
        retry: false,
        headers: secretHeaders(p),
      });
      expect(out.ok).toBe(false);
      const err = (out as { error: VendorError }).error;
      expect(err.kind).toBe('unauthenticated');
      expect(leaks(err, all(p))).toEqual([]);
    });

    // Fixed (axios): for an error hidden in a 2xx body the integration builds the cause itself, an
    // AxiosError whose config and response are redacted copies (method, redacted URL and headers,
    // status, redacted body) and which has no `request`: neither util.inspect nor JSON.stringify
    // (AxiosError#toJSON includes `config`) shows a credential.
    it('a cause the library builds itself never shows credentials', async () => {
      const p = plant();
      const path = server.answer({
        status: 200,
        headers: [['content-type', 'application/json']],
        body: '{"error_code":110,"error_msg":"Access token invalid or no longer valid","request_id":1}',
      });
      const out = await client.call(secretUrl(p, `${server.origin}${path}`), {
        adapter: baiduPcs,
        retry: false,
        headers: secretHeaders(p),
      });
      const err = (out as { error: VendorError }).error;
      const cause = err.cause;
      // Only causes the library made: the client's own rejections are left to the client.
      const builtHere = cause instanceof Error && /reported an error in a/.test(cause.message);
      // axios is the client whose cause for this error the library builds (else this proves nothing for it).
      if (name === 'axios') expect(builtHere).toBe(true);
      if (!builtHere) return;
      let json = '';
      try {
        json = JSON.stringify(cause) ?? '';
      } catch {
        json = '';
      }
      const shown = `${inspect(cause, { depth: 6 })}\n${json}`;
      expect(all(p).filter((s) => shown.includes(s))).toEqual([]);
    });

    it("what the client's own cause shows (reported, the library keeps it as is)", async () => {
      const p = plant();
      const path = server.answer({ status: 403, headers: [['content-type', 'application/json']], body: '{"code":40300011}' });
      const out = await client.call(secretUrl(p, `${server.origin}${path}`), {
        adapter: upyun,
        retry: false,
        headers: secretHeaders(p),
      });
      const err = (out as { error: VendorError }).error;
      expect(isVendorError(err)).toBe(true);
      expect(leaks(err, all(p))).toEqual([]);
      const cause = err.cause;
      const causeName = cause instanceof Error ? `${cause.constructor.name}(${cause.name})` : typeof cause;
      const shows = (text: string) => all(p).filter((s) => text.includes(s)).length;
      let json = '';
      try {
        json = JSON.stringify(cause) ?? '';
      } catch (e) {
        json = `<throws ${String(e)}>`;
      }
      console.log(
        `[hardening] ${name}: err.cause is ${causeName}; inspect(err) shows ${shows(inspect(err, { depth: 10 }))} secrets, ` +
          `JSON.stringify(err) ${shows(JSON.stringify(err))}; the cause itself: inspect ${shows(inspect(cause, { depth: 6 }))}, JSON ${shows(json)}`,
      );
      // The library builds no cause of its own here: whatever is there is the client's object.
      if (cause !== undefined) expect(isVendorError(cause)).toBe(false);
    });
  },
);
