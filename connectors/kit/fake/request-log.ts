// What a vendor fake was asked and what it answered: one entry per request, faulted ones included.

export interface LoggedRequest {
  method: string;
  path: string;
  /** The query string as sent, parsed. */
  query: URLSearchParams;
  /** When the request arrived (ms since epoch). */
  at: number;
  /** The status the fake answered (0 while the answer is pending). */
  status: number;
  /** The fault of the script that answered instead of the vendor, if one did. */
  fault?: string;
}

export type RequestFilter = { method?: string; path?: string | RegExp; status?: number };

export class RequestLog {
  private readonly all: LoggedRequest[] = [];
  /** Requests since start (the entries keep only the newest `limit`). */
  total = 0;
  /** Time the fake spent answering, summed over every request since start: its own floor (bench). */
  serviceMs = 0;
  private readonly totals = new Map<string, number>();

  constructor(private readonly limit = 10_000) {}

  record(entry: LoggedRequest): LoggedRequest {
    this.total++;
    this.totals.set(entry.path, (this.totals.get(entry.path) ?? 0) + 1);
    this.all.push(entry);
    if (this.all.length > this.limit) this.all.shift();
    return entry;
  }

  served(ms: number): void {
    this.serviceMs += ms;
  }

  /** Requests to this path since start (not limited like the entries). */
  totalFor(path: string): number {
    return this.totals.get(path) ?? 0;
  }

  get entries(): readonly LoggedRequest[] {
    return this.all;
  }

  /** Entries matching the filter, oldest first. */
  find(filter: RequestFilter = {}): LoggedRequest[] {
    return this.all.filter((e) => matches(e, filter));
  }

  count(filter: RequestFilter = {}): number {
    return this.find(filter).length;
  }
}

function matches(entry: LoggedRequest, filter: RequestFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (filter.path instanceof RegExp) return filter.path.test(entry.path);
  return filter.path === undefined || entry.path === filter.path;
}
