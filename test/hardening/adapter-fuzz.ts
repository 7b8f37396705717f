/**
 * The per-adapter hardening properties, shared by the two fuzz files (split so that both CI
 * cores work): `normalize` never throws, answers only `undefined` or a VendorError of the
 * right class, bounds every field, and leaves prototypes alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Adapter, type NormalizeInput, normalize, type VendorError } from '../../src/index.js';
import {
  bodyArb,
  codeValueArb,
  headersArb,
  materialize,
  materializeInput,
  normalizeInputArb,
  statusArb,
  textBodyArb,
  wireStatusArb,
} from './arbitraries.js';
import { assertNoPollution, assertProperty, assertVendorOutcome } from './invariants.js';

/** Each vendor's documented error shape, so that generated codes and messages reach the parser. */
const SHAPES: Record<string, (code: unknown, message: unknown, id: unknown) => unknown> = {
  upyun: (code, msg, id) => ({ msg, code, id }),
  'baidu-pcs': (code, msg, id) => ({ error_code: code, error_msg: msg, request_id: id }),
  netease: (code, message) => ({ code, message }),
  'api-switch': (code, message) => ({ Code: code, Message: message }),
  mfp: (code, message, id) => ({ status: 'error', retcode: code, data: null, message, id }),
};

/** Cases planned per property, at scale 1. */
export const PLANNED: Record<string, number> = {};
export function plan(name: string, runs: number): number {
  PLANNED[name] = runs;
  return runs;
}

function safeNormalize(adapter: Adapter, input: NormalizeInput): VendorError | undefined {
  try {
    return normalize(adapter, input);
  } catch (error) {
    throw new Error(`normalize threw for ${adapter.name}: ${String(error)}`);
  }
}

/** Registers the hostile-input properties for each adapter. */
export function fuzzAdapters(adapters: readonly Adapter[]): void {
  describe.each(adapters.map((a) => [a.name, a] as const))('%s: normalize on hostile input', (name, adapter) => {
    it('any input: never throws, only VendorErrors, bounded, no pollution', () => {
      const runs = assertProperty(
        fc.property(normalizeInputArb, (input) => {
          const result = safeNormalize(adapter, materializeInput(input));
          assertVendorOutcome(result, { status: input.status });
          assertNoPollution();
        }),
        plan(`${name}:any`, 7_000),
      );
      expect(runs).toBeGreaterThan(0);
    });

    it('bodies of every shape under every status', () => {
      assertProperty(
        fc.property(statusArb, bodyArb, (status, body) => {
          const result = safeNormalize(adapter, { status, body: materialize(body) } as NormalizeInput);
          assertVendorOutcome(result, { status });
          assertNoPollution();
        }),
        plan(`${name}:bodies`, 5_000),
      );
    });

    it('vendor-shaped bodies with codes as strings, floats, negatives and objects', () => {
      const shape = SHAPES[name]!;
      assertProperty(
        fc.property(
          wireStatusArb,
          codeValueArb,
          fc.oneof(fc.string({ maxLength: 100 }), codeValueArb),
          fc.oneof(fc.string({ maxLength: 300 }), codeValueArb),
          fc.boolean(),
          (status, code, message, id, asText) => {
            const obj = shape(code, message, id);
            let body: unknown = obj;
            if (asText) {
              try {
                body = JSON.stringify(obj);
              } catch {
                body = obj;
              }
            }
            const result = safeNormalize(adapter, { status, body } as NormalizeInput);
            assertVendorOutcome(result, { status });
            // A code the parser accepted is kept exactly as sent (number or string).
            if (result?.code !== undefined) expect(['number', 'string']).toContain(typeof result.code);
            assertNoPollution();
          },
        ),
        plan(`${name}:shaped`, 4_000),
      );
    });

    it('headers: duplicates and garbage Retry-After give a bounded hint or none', () => {
      assertProperty(
        fc.property(wireStatusArb, headersArb, textBodyArb, (status, headers, body) => {
          const result = safeNormalize(adapter, { status, headers: materialize(headers), body } as NormalizeInput);
          assertVendorOutcome(result, { status });
          assertNoPollution();
        }),
        plan(`${name}:headers`, 3_000),
      );
    });
  });
}
