/**
 * The rejection for an aborted signal: its `reason`, or, for a signal aborted without one (older
 * runtimes and polyfills predate `reason`), the `AbortError` DOMException that `fetch` itself
 * rejects with (WHATWG DOM § 3.1, "abort reason").
 */
export function abortReason(signal: { readonly reason?: unknown }): unknown {
  return signal.reason !== undefined ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}
