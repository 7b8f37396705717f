/**
 * @internal Attaching to and detaching from one axios instance.
 *
 * Nothing is written to `instance.defaults`: for the default `axios` export that object is
 * axios' global defaults, and `create()` copies an instance's defaults, so a wrapped adapter
 * there would reach every later instance (without its interceptors) and nest loops when one of
 * them is wrapped too. The instance's own request interceptor puts the wrapped adapter on each
 * request's merged config instead: as an accessor when an interceptor that runs after it (one
 * registered before it) may set `config.adapter`, so that one is wrapped as well; as a plain
 * value otherwise (issue 14: an accessor costs a copy of the config per call).
 */
import axios, { type AxiosAdapter, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { isVendorError } from '../../errors/vendor-error.js';
import { abortOutcome } from '../shared/signal.js';
import type { ResolvedIntegration } from '../shared/options.js';
import type { SignalLike } from '../shared/signal.js';
import { fromAxiosError } from './errors.js';
import { type AdapterSetting, type SendContext, send } from './send.js';
import { describeCall } from './url.js';

/** Two lists with the same items in the same order (a list setting is the same setting then). */
function sameList(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Attachment {
  readonly options: unknown;
  readonly requestInterceptor: number;
  readonly responseInterceptor: number;
}

const attachments = new WeakMap<AxiosInstance, Attachment>();
const NONE: unique symbol = Symbol('none');

/** Every wrapped adapter: one never wraps another (a config copied from a wrapped call). */
const wrappedAdapters = new WeakSet<object>();

/** The options an instance is attached with, or `undefined`. */
export function attachedOptions(instance: AxiosInstance): unknown {
  return attachments.get(instance)?.options;
}

/** Removes an attachment: its interceptors are ejected; requests already sent finish as they were. */
export function uninstall(instance: AxiosInstance): boolean {
  const previous = attachments.get(instance);
  if (!previous) return false;
  instance.interceptors.request.eject(previous.requestInterceptor);
  instance.interceptors.response.eject(previous.responseInterceptor);
  attachments.delete(instance);
  return true;
}

export function install(instance: AxiosInstance, integration: ResolvedIntegration, options: unknown, stream: boolean): void {
  const sc: SendContext = { integration, settled: new WeakMap(), stream };
  // One wrapper per adapter setting (a name, a list of names or a function), reused across requests.
  const byObject = new WeakMap<object, AxiosAdapter>();
  const byName = new Map<string, AxiosAdapter>();

  // The same setting comes back on nearly every call (the instance's default): remembered. A list
  // (axios' default `['xhr', 'http', 'fetch']`) is a new array on every call (mergeConfig slices
  // arrays), so it is recognised by its items: measured (issue 14), a wrapper, a WeakSet and a
  // WeakMap entry made per call were a fifth of the axios integration's cost on a success.
  let lastSetting: AdapterSetting | typeof NONE = NONE;
  let lastWrapped: AdapterSetting;

  function wrap(setting: AdapterSetting): AdapterSetting {
    if (setting === lastSetting || sameList(setting, lastSetting)) return lastWrapped;
    lastWrapped = wrapNew(setting);
    lastSetting = setting;
    return lastWrapped;
  }

  function wrapNew(setting: AdapterSetting): AdapterSetting {
    if (typeof setting === 'function' && wrappedAdapters.has(setting)) return setting;
    const names = Array.isArray(setting) && setting.every((s) => typeof s === 'string') ? setting.join(',') : undefined;
    const isObject = names === undefined && (typeof setting === 'function' || (typeof setting === 'object' && setting !== null));
    const cached = isObject
      ? byObject.get(setting as object)
      : byName.get(names !== undefined ? `list:${names}` : String(setting));
    if (cached) return cached;
    const vendorAdapter: AxiosAdapter = (config) => send(sc, config, setting);
    wrappedAdapters.add(vendorAdapter);
    if (isObject) byObject.set(setting as object, vendorAdapter);
    else if (names !== undefined || typeof setting === 'string')
      byName.set(names !== undefined ? `list:${names}` : String(setting), vendorAdapter);
    return vendorAdapter;
  }

  function toVendorError(error: unknown): unknown {
    const config = (error as { config?: InternalAxiosRequestConfig } | null)?.config;
    if (axios.isCancel(error)) {
      if (config && sc.settled.has(config)) return sc.settled.get(config);
      const signal = config?.signal as SignalLike | undefined;
      if (signal?.aborted) return abortOutcome(signal, { integration, ...describeCall(config) });
      return error;
    }
    if (isVendorError(error) || !axios.isAxiosError(error)) return error;
    return fromAxiosError(integration, error, error.response?.data, describeCall(config));
  }

  // Request interceptors run last-registered first: only those registered before ours run after
  // it and may set `config.adapter` again. Without any, the wrapped adapter is a plain value: an
  // accessor makes axios copy the whole config at dispatch (toSafeFlatObject), every call.
  const handlers = (instance.interceptors.request as { handlers?: unknown }).handlers;
  const lateWriters = !Array.isArray(handlers) || handlers.some((h) => h != null);
  const requestInterceptor = instance.interceptors.request.use(
    (config) => {
      // The merged config's adapter (the instance's default or the request's own), read at dispatch.
      let setting: AdapterSetting = config.adapter ?? instance.defaults.adapter ?? axios.defaults.adapter;
      if (!lateWriters) {
        config.adapter = wrap(setting);
        return config;
      }
      Object.defineProperty(config, 'adapter', {
        configurable: true,
        enumerable: true,
        get: () => wrap(setting),
        set: (value: AdapterSetting) => {
          setting = value;
        },
      });
      return config;
    },
    undefined,
    { synchronous: true },
  );
  const responseInterceptor = instance.interceptors.response.use(undefined, (error: unknown) =>
    Promise.reject(toVendorError(error)),
  );
  attachments.set(instance, { options, requestInterceptor, responseInterceptor });
}
