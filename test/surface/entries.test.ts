/**
 * The root entry is a short, deliberate list (issue 15: ky and p-retry export a handful of
 * names); building blocks live at `vendor-errors/advanced`. A name added to either entry
 * fails here until it is added to the list below, on purpose.
 */
import { describe, expect, it } from 'vitest';
import * as advanced from '../../src/advanced.js';
import * as root from '../../src/index.js';

const ROOT = [
  // errors
  'VendorError',
  'isVendorError',
  'InvalidRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'PreconditionFailedError',
  'PayloadTooLargeError',
  'QuotaExceededError',
  'RateLimitError',
  'ServiceUnavailableError',
  'TimeoutError',
  'InternalServerError',
  'NotImplementedError',
  'NetworkError',
  'UnknownVendorError',
  // classifying a response, and defining a vendor
  'normalize',
  'classify',
  'toVendorError',
  'defineAdapter',
  'defineCatalog',
  'field',
  'asCode',
  'asText',
  'asId',
  'rawIntegerField',
  'addSecretNames',
  // acting on it
  'retry',
  'createRetryBudget',
  'createPacer',
  // the process-wide default pacer every client paces with unless told otherwise (issue 12)
  'getDefaultPacer',
  'setDefaultPacer',
  'resetDefaultPacer',
];

describe('entry points', () => {
  it('the root exports exactly the curated list', () => {
    expect(Object.keys(root).sort()).toEqual([...ROOT].sort());
  });

  it('advanced holds the building blocks and repeats nothing from the root', () => {
    const names = Object.keys(advanced);
    for (const name of ['onSend', 'onThrottle', 'cubicRate', 'resolveRetryOptions', 'MAX_TIMER_MS', 'transportError']) {
      expect(names).toContain(name);
    }
    expect(names.filter((n) => n in root)).toEqual([]);
  });

  it('every value is defined (no export of a name that does not exist)', () => {
    for (const [name, value] of [...Object.entries(root), ...Object.entries(advanced)]) {
      expect(value, name).toBeDefined();
    }
  });
});
