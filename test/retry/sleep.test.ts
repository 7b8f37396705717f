import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sleep } from '../../src/advanced.js';

describe('sleep', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('resolves after ms and not before', async () => {
    let done = false;
    const p = sleep(1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(done).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects with signal.reason at once when aborted, clearing its timer and listener', async () => {
    const c = new AbortController();
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    const p = sleep(10_000, c.signal);
    await vi.advanceTimersByTimeAsync(100);
    const reason = new Error('stop');
    c.abort(reason);
    await expect(p).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });

  it('rejects immediately when the signal is already aborted', async () => {
    const c = new AbortController();
    c.abort('gone');
    await expect(sleep(10_000, c.signal)).rejects.toBe('gone');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('removes its abort listener when it resolves', async () => {
    const c = new AbortController();
    const add = vi.spyOn(c.signal, 'addEventListener');
    const remove = vi.spyOn(c.signal, 'removeEventListener');
    const p = sleep(50, c.signal);
    await vi.advanceTimersByTimeAsync(50);
    await p;
    expect(remove).toHaveBeenCalledWith('abort', add.mock.calls[0]![1]);
    c.abort(); // nothing left to fire
  });

  it('a signal without reason rejects with an AbortError DOMException', async () => {
    let listener: (() => void) | undefined;
    const like = {
      aborted: false,
      reason: undefined,
      addEventListener: (_: string, l: () => void) => void (listener = l),
      removeEventListener: () => {},
    };
    const p = sleep(1000, like as unknown as AbortSignal);
    like.aborted = true;
    listener?.();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('chains timers beyond 2^31 − 1 ms instead of firing at once', async () => {
    let done = false;
    const p = sleep(2 ** 31 + 5000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(2 ** 31 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(5001);
    await p;
    expect(done).toBe(true);
  });

  it('0 and negative waits resolve on the next timer tick; NaN is a TypeError', async () => {
    const p = sleep(-5);
    await vi.advanceTimersByTimeAsync(0);
    await expect(p).resolves.toBeUndefined();
    await expect(sleep(Number.NaN)).rejects.toThrow(TypeError);
  });
});
