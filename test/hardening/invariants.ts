/**
 * What must hold for every answer `normalize` (or an integration) gives, whatever went in:
 * only `VendorError`s (of the class their kind names), bounded fields, serialisable and
 * inspectable output, and no prototype touched.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { isVendorError, VendorError } from '../../src/index.js';
import { ERROR_CLASSES, ERROR_KINDS } from '../../src/advanced.js';

/** The longest wait a hint may express (2^31 − 1 ms, the largest timer). */
export const MAX_HINT_MS = 2 ** 31 - 1;

/** `HARDENING_SCALE=0.1` runs a tenth of the cases (local iteration); CI runs the full count. */
export const SCALE = (() => {
  const raw = Number(process.env.HARDENING_SCALE ?? '1');
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
})();

let cases = 0;

function runsFor(numRuns: number): number {
  return Math.max(1, Math.round(numRuns * SCALE));
}

/** Runs a property `numRuns × SCALE` times and counts the cases. */
export function assertProperty<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, numRuns: number): number {
  const runs = runsFor(numRuns);
  fc.assert(property, { numRuns: runs });
  cases += runs;
  return runs;
}

/** The async twin of {@link assertProperty}. */
export async function assertAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  numRuns: number,
): Promise<number> {
  const runs = runsFor(numRuns);
  await fc.assert(property, { numRuns: runs });
  cases += runs;
  return runs;
}

/** Generated cases run so far in this file. */
export function casesRun(): number {
  return cases;
}

const PROTOTYPES: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Error.prototype', Error.prototype],
  ['VendorError.prototype', VendorError.prototype],
];

function snapshot(): string[] {
  return PROTOTYPES.map(([name, proto]) => `${name}:${Reflect.ownKeys(proto).map(String).sort().join(',')}`);
}

const baseline = snapshot();

/** Throws if any built-in prototype gained, lost or had a key replaced. */
export function assertNoPollution(): void {
  const now = snapshot();
  for (let i = 0; i < now.length; i++) {
    if (now[i] !== baseline[i]) throw new Error(`prototype changed: ${now[i]} (was ${baseline[i]})`);
  }
  const probe = {} as Record<string, unknown>;
  for (const key of ['polluted', 'isAdmin', 'code', 'message', 'status']) {
    if (probe[key] !== undefined) throw new Error(`Object.prototype.${key} is polluted`);
  }
}

function validStatus(status: unknown): number | undefined {
  return typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 999 ? status : undefined;
}

function fail(what: string, result: unknown): never {
  let shown: string;
  try {
    shown = inspect(result, { depth: 2 }).slice(0, 2000);
  } catch {
    shown = '<uninspectable>';
  }
  throw new Error(`${what}\n${shown}`);
}

/**
 * Checks one answer. `status`, when given, is the status that went in: a failure status must
 * give an error, and the error must carry it.
 */
export function assertVendorOutcome(result: unknown, opts: { status?: unknown; mustFail?: boolean } = {}): void {
  const status = validStatus(opts.status);
  const failureStatus = status !== undefined && (status < 200 || status >= 400);
  if (result === undefined) {
    if (failureStatus || opts.mustFail) fail(`a failure (status ${String(opts.status)}) gave no error`, result);
    return;
  }
  if (!isVendorError(result) || !(result instanceof VendorError) || !(result instanceof Error)) fail('not a VendorError', result);
  const err = result as VendorError;
  if (!ERROR_KINDS.includes(err.kind)) fail(`unknown kind ${String(err.kind)}`, err);
  if (!(err instanceof ERROR_CLASSES[err.kind])) fail(`class does not match kind ${err.kind}`, err);
  if (err.retry !== 'never' && err.retry !== 'idempotent' && err.retry !== 'safe') fail('bad retry class', err);
  if (typeof err.retryable !== 'boolean') fail('retryable is not a boolean', err);
  if (status !== undefined && err.status !== status) fail(`status ${String(err.status)} != ${status}`, err);
  if (err.status !== undefined && validStatus(err.status) === undefined) fail('invalid status kept', err);
  if (
    err.retryAfterMs !== undefined &&
    !(Number.isInteger(err.retryAfterMs) && err.retryAfterMs >= 0 && err.retryAfterMs <= MAX_HINT_MS)
  ) {
    fail(`retryAfterMs out of range: ${err.retryAfterMs}`, err);
  }
  if (typeof err.message !== 'string' || err.message.length > 4096) fail('message missing or unbounded', err);
  if (err.vendorMessage !== undefined && (typeof err.vendorMessage !== 'string' || err.vendorMessage.length > 2048)) {
    fail('vendorMessage unbounded', err);
  }
  if (err.requestId !== undefined && (typeof err.requestId !== 'string' || err.requestId.length > 256))
    fail('requestId unbounded', err);
  if (err.code !== undefined) {
    const ok =
      (typeof err.code === 'number' && Number.isSafeInteger(err.code)) || (typeof err.code === 'string' && err.code.length <= 64);
    if (!ok) fail(`bad code ${String(err.code)}`, err);
  }
  if (err.url !== undefined && typeof err.url !== 'string') fail('url is not a string', err);
  const json = JSON.stringify(err);
  if (typeof json !== 'string' || json.length > 16_384) fail('toJSON unbounded', err);
  const parsed = JSON.parse(json) as { kind?: unknown };
  if (parsed.kind !== err.kind) fail('toJSON lost the kind', err);
  const shown = inspect(err);
  if (typeof shown !== 'string' || shown.length > 32_768) fail('inspect unbounded', err);
  if (typeof String(err) !== 'string' || typeof err.stack !== 'string') fail('not printable', err);
}
