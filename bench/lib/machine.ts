/**
 * How busy the machine was: system-wide CPU time (from /proc/stat) minus the CPU time of this
 * process and its reaped children (from /proc/self/stat), so the report can say whether other
 * work shared the cores during a phase. Linux only; elsewhere the figures are left out.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

interface Ticks {
  readonly busy: number;
  readonly total: number;
  readonly own: number;
}

function read(): Ticks | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
    const busy = user + nice + system + irq + softirq + steal;
    const self = readFileSync('/proc/self/stat', 'utf8');
    const after = self
      .slice(self.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    // Fields 14–17 of proc(5) (utime, stime, cutime, cstime); `after` starts at field 3.
    const own = (after[11] ?? 0) + (after[12] ?? 0) + (after[13] ?? 0) + (after[14] ?? 0);
    return { busy, total: busy + idle + iowait, own };
  } catch {
    return undefined;
  }
}

export interface PhaseLoad {
  readonly phase: string;
  readonly wallMs: number;
  /** Share of all cores used by the benchmark's processes (0–1), when known. */
  readonly ownShare?: number;
  /** Share of all cores used by everything else (0–1), when known. */
  readonly otherShare?: number;
  /** 1-minute load average at the end of the phase. */
  readonly loadavg1: number;
}

/** Starts measuring a phase; call the returned function once every child of the phase has exited. */
export function measurePhase(phase: string): () => PhaseLoad {
  const start = read();
  const t0 = performance.now();
  return () => {
    const end = read();
    const wallMs = performance.now() - t0;
    const base = { phase, wallMs, loadavg1: loadavg()[0] ?? 0 };
    if (!start || !end || end.total <= start.total) return base;
    const total = end.total - start.total;
    const own = Math.max(0, end.own - start.own);
    const other = Math.max(0, end.busy - start.busy - own);
    return { ...base, ownShare: own / total, otherShare: other / total };
  };
}

export function machineInfo(): { cores: number; cpuModel: string; loadavg: readonly number[] } {
  const list = cpus();
  return { cores: list.length, cpuModel: list[0]?.model ?? 'unknown', loadavg: loadavg() };
}
