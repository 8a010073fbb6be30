// Resident memory of a child process from /proc (Linux). The kernel's peak (VmHWM) can be reset
// per phase by writing 5 to /proc/<pid>/clear_refs; where that is not allowed, a 100 ms sampler of
// VmRSS gives the peak instead.
import fs from 'node:fs';

const MB = 1024 * 1024;

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export const residentMb = (pid: number): number | null => toMb(statusField(pid, 'VmRSS'));

function toMb(bytes: number | null): number | null {
  return bytes === null ? null : Math.round((bytes / MB) * 10) / 10;
}

/** Measures a process's peak resident memory over one phase. */
export class PeakMemory {
  private sampledMax = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly kernelPeakReset: boolean;

  constructor(private readonly pid: number) {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      this.kernelPeakReset = true;
    } catch {
      this.kernelPeakReset = false;
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
  }

  private sample(): void {
    this.sampledMax = Math.max(this.sampledMax, statusField(this.pid, 'VmRSS') ?? 0);
  }

  /** The peak in MB so far, sampling on. */
  snapshot(): number | null {
    this.sample();
    const kernel = this.kernelPeakReset ? statusField(this.pid, 'VmHWM') : null;
    return toMb(Math.max(kernel ?? 0, this.sampledMax) || null);
  }

  /** Stops sampling; the peak in MB over the phase (kernel figure when it could be reset). */
  stop(): number | null {
    clearInterval(this.timer);
    return this.snapshot();
  }
}
