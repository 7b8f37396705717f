/**
 * Every test starts with a fresh process-wide default pacer, so that a rate limit, pause or
 * outage one test taught it never holds the calls of the next (what users do with
 * `afterEach(() => resetDefaultPacer())`; the vendor simulator also resets it when created).
 */
import { beforeEach } from 'vitest';
import { resetDefaultPacer } from '../src/pacer/default.js';

beforeEach(() => resetDefaultPacer());
