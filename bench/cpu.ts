// CPU seconds spent by each process of the system during a phase (Linux /proc): tells whether a
// slow phase is busy in the worker, in PostgreSQL, in Temporal or simply waiting.
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number): string[] | null {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces; the fields after it are fixed.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime+stime of the process, plus the reaped children's (cutime+cstime) when asked. */
function processTicks(pid: number, withReapedChildren: boolean): number {
  const f = statFields(pid);
  if (!f) return 0;
  // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
  return Number(f[11]) + Number(f[12]) + (withReapedChildren ? Number(f[13]) + Number(f[14]) : 0);
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (statFields(Number(entry))?.[1] === String(pid)) found.push(Number(entry));
  }
  return found;
}

/** A process tree's CPU ticks: itself with its reaped children, plus its live children (PostgreSQL backends). */
function treeTicks(pid: number): number {
  return processTicks(pid, true) + childrenOf(pid).reduce((sum, child) => sum + processTicks(child, false), 0);
}

export type CpuTargets = Record<string, { pid: number; tree?: boolean } | null>;

export class CpuMeter {
  private readonly start: Record<string, number>;
  private readonly startedAt = Date.now();

  constructor(private readonly targets: CpuTargets) {
    this.start = this.read();
  }

  private read(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, target] of Object.entries(this.targets)) {
      if (target) out[name] = target.tree ? treeTicks(target.pid) : processTicks(target.pid, false);
    }
    return out;
  }

  /** CPU seconds per process since construction, and the wall seconds they compare to. */
  stop(): { wallSeconds: number; cpuSeconds: Record<string, number> } {
    const end = this.read();
    const cpuSeconds: Record<string, number> = {};
    for (const name of Object.keys(end)) cpuSeconds[name] = Math.round(((end[name]! - this.start[name]!) / TICKS_PER_SECOND) * 10) / 10;
    return { wallSeconds: Math.round((Date.now() - this.startedAt) / 100) / 10, cpuSeconds };
  }
}
