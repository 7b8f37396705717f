/**
 * The two Redis clients this subpath accepts, told apart by shape (neither is imported): ioredis
 * (≥ 5: `call(command, ...args)`) and node-redis (`redis` ≥ 4: `sendCommand([command, ...args])`).
 * One script, loaded with SCRIPT LOAD and run with EVALSHA, loaded again after NOSCRIPT (a
 * restarted or flushed Redis); every call bounded by a timeout, so that a slow Redis costs a
 * caller at most that long.
 */

/** An ioredis `Redis` or `Cluster`, or a node-redis client: anything with one of these methods. */
export type RedisClientLike =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> };

/** Runs one command; rejects on error. */
export type Send = (args: string[]) => Promise<unknown>;

/** A `send` for `client`, or `undefined` when it is neither client. */
export function senderOf(client: unknown): Send | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const c = client as Record<string, unknown>;
  // ioredis has both `call` and a `sendCommand(Command)` of its own: `call` first.
  if (typeof c.call === 'function') {
    const call = c.call as (command: string, ...args: string[]) => Promise<unknown>;
    return (args) => call.call(client, args[0] as string, ...args.slice(1));
  }
  if (typeof c.sendCommand === 'function') {
    const send = c.sendCommand as (args: string[]) => Promise<unknown>;
    return (args) => send.call(client, args);
  }
  return undefined;
}

/** After the timers, once pending I/O has run (Node's check phase); a macrotask elsewhere. */
const afterIo: (f: () => void) => void =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (f) => (globalThis as unknown as { setImmediate: (f: () => void) => void }).setImmediate(f)
    : (f) => setTimeout(f, 0);

/**
 * A promise that rejects after `ms` (its timer unref'd, so it never holds a process open). A reply
 * already read off the socket wins: Node runs due timers before I/O, so a busy event loop would
 * otherwise call a 1 ms answer a timeout (13 of ~1200 calls in the fleet bench at load 3).
 */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => afterIo(() => reject(new Error(`redis: no answer within ${ms} ms`))), ms);
    const t = timer as unknown as { unref?: () => void };
    if (typeof t.unref === 'function') t.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isNoScript(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message.includes('NOSCRIPT');
}

/** Runs `script` by its SHA: loads it on first use and after NOSCRIPT; every try within `timeoutMs`. */
export function scriptRunner(send: Send, script: string, timeoutMs: number) {
  let sha: string | undefined;
  let loading: Promise<string> | undefined;
  function load(): Promise<string> {
    loading ??= within(send(['SCRIPT', 'LOAD', script]), timeoutMs).then(
      (value) => {
        sha = String(value);
        loading = undefined;
        return sha;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }
  return async function run(keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const started = Date.now();
    const hash = sha ?? (await load());
    const call = (h: string) => within(send(['EVALSHA', h, String(keys.length), ...keys, ...args]), timeoutMs);
    try {
      return await call(hash);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      sha = undefined;
      const again = await load();
      if (Date.now() - started > timeoutMs) throw error;
      return call(again);
    }
  };
}
