/** @opentelemetry/api only (no SDK): vendor-errors/otel loads, and with the API's no-op tracer calls work unchanged. */
import { absent, assert, check, done, localServer } from './lib.mjs';

await check('@opentelemetry/sdk-trace-base is not installed', () => absent('@opentelemetry/sdk-trace-base'));
await check('vendor-errors/otel: a 429 then 200 through createFetch with otelTelemetry()', async () => {
  const { otelTelemetry, otelPacerChanges } = await import('vendor-errors/otel');
  const { createFetch } = await import('vendor-errors/fetch');
  const { createPacer } = await import('vendor-errors');
  const { upyun } = await import('vendor-errors/adapters');
  let n = 0;
  const server = await localServer(() =>
    ++n === 1
      ? [
          429,
          { 'content-type': 'application/json', 'retry-after-ms': '5' },
          '{"msg":"too many requests","code":42900001,"id":"r"}',
        ]
      : [200, {}, 'ok'],
  );
  const pacer = createPacer({ onChange: otelPacerChanges() });
  try {
    const f = createFetch({
      adapter: upyun,
      retry: { baseDelayMs: 5, rateLimitBaseDelayMs: 5, pacer, telemetry: otelTelemetry() },
    });
    const res = await f(`${server.url}/bucket/a`);
    assert(res.status === 200 && n === 2, `status ${res.status} after ${n} requests`);
  } finally {
    pacer.close?.();
    await server.close();
  }
});
done('pack probe otel');
