/**
 * The three clients (and ky in both majors) behind one small interface, so that one test table
 * runs through all of them.
 */
import { Readable } from 'node:stream';
import axios from 'axios';
import ky from 'ky';
import ky2 from 'ky2';
import type { Adapter } from '../../src/core/adapter.js';
import type { RetryOptions } from '../../src/retry/options.js';
import { withVendorErrors } from '../../src/integrations/axios/index.js';
import { createFetch } from '../../src/integrations/fetch.js';
import { vendorErrors } from '../../src/integrations/ky.js';

export interface ClientOptions {
  readonly adapter: Adapter;
  readonly retry?: RetryOptions | false;
  readonly maxBodyBytes?: number;
}

export interface ClientCall {
  readonly method: string;
  readonly url: string;
  /** Text body; sent as a one-chunk stream when `stream` is set. */
  readonly body?: string;
  readonly stream?: boolean;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  /** Client timeout in ms: axios `timeout`, ky `timeout`, fetch `AbortSignal.timeout()`. */
  readonly timeoutMs?: number;
}

export interface ClientResult {
  readonly status: number;
  /** The success body, parsed as JSON by the client's own means. */
  readonly data: unknown;
}

export interface Client {
  send(call: ClientCall): Promise<ClientResult>;
}

export interface ClientKind {
  readonly name: 'axios' | 'ky1' | 'ky2' | 'fetch';
  make(options: ClientOptions): Client;
}

function webStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

const axiosKind: ClientKind = {
  name: 'axios',
  make(options) {
    const instance = withVendorErrors(axios.create(), options);
    return {
      async send(call) {
        const res = await instance.request({
          method: call.method,
          url: call.url,
          headers: call.headers,
          data: call.body === undefined ? undefined : call.stream ? Readable.from([Buffer.from(call.body)]) : call.body,
          signal: call.signal,
          timeout: call.timeoutMs,
        });
        return { status: res.status, data: res.data };
      },
    };
  },
};

type KyLike = typeof ky;

function kyKind(name: 'ky1' | 'ky2', lib: KyLike): ClientKind {
  return {
    name,
    make(options) {
      const api = lib.create(vendorErrors(options));
      return {
        async send(call) {
          const res = await api(call.url, {
            method: call.method,
            headers: call.headers,
            body: call.body === undefined ? undefined : call.stream ? webStream(call.body) : call.body,
            signal: call.signal,
            ...(call.timeoutMs === undefined ? {} : { timeout: call.timeoutMs }),
          });
          return { status: res.status, data: await res.json() };
        },
      };
    },
  };
}

const fetchKind: ClientKind = {
  name: 'fetch',
  make(options) {
    const f = createFetch(options);
    return {
      async send(call) {
        const signals = [call.signal, call.timeoutMs === undefined ? undefined : AbortSignal.timeout(call.timeoutMs)].filter(
          (s): s is AbortSignal => s !== undefined,
        );
        const init: RequestInit & { duplex?: 'half' } = {
          method: call.method,
          headers: call.headers,
          body: call.body === undefined ? undefined : call.stream ? webStream(call.body) : call.body,
          signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
        };
        if (call.stream) init.duplex = 'half';
        const res = await f(call.url, init);
        return { status: res.status, data: await res.json() };
      },
    };
  },
};

// ky 2's types describe its own hook signatures; at run time both majors take the same options.
export const CLIENTS: readonly ClientKind[] = [axiosKind, kyKind('ky1', ky), kyKind('ky2', ky2 as unknown as KyLike), fetchKind];
