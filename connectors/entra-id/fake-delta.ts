// GET /v1.0/users/delta of the Entra ID fake, as Graph describes it: a round pages over
// @odata.nextLink ($skiptoken) and ends with @odata.deltaLink ($deltatoken); the first round (no
// token) lists everyone, a later one the users changed since its token, each in its current state,
// soft-deleted ones as `@removed`; properties never set are left out; the query ($select) is carried
// inside the tokens; `$deltatoken=latest` starts tracking from now; a token older than the fake's
// retention (expireDeltaTokens) is refused with 410.
import { jsonToken, readJsonToken, type FakeResponse } from '../kit/fake';

/** The directory's change history: every add, edit and removal bumps the version. */
export class DeltaChangeLog {
  private version = 0;
  private readonly entries: { version: number; id: string }[] = [];
  /** Tokens of an earlier generation are refused (the fake forgot their state). */
  private tokenGeneration = 0;

  get current(): number {
    return this.version;
  }

  record(id: string): void {
    this.entries.push({ version: ++this.version, id });
  }

  /** Every delta token issued so far is refused from now on, as Graph refuses tokens past its retention. */
  expireTokens(): void {
    this.tokenGeneration++;
  }

  get generation(): number {
    return this.tokenGeneration;
  }

  /** Ids changed after `since` up to `upto`, each once, in the order of their first change. */
  changedBetween(since: number, upto: number): string[] {
    return [...new Set(this.entries.filter((e) => e.version > since && e.version <= upto).map((e) => e.id))];
  }
}

/** A delta round's position, encoded in $skiptoken / $deltatoken. `since` null: the first round. */
interface RoundToken {
  generation: number;
  since: number | null;
  upto: number;
  offset: number;
  select: string[];
}

export interface DeltaSource {
  log: DeltaChangeLog;
  /** Raw records in listing order (malformed ones included). */
  users: readonly unknown[];
  project(user: unknown, select: string[]): Record<string, unknown> | unknown;
  validateSelect(select: string[]): FakeResponse | undefined;
  pageSize: number;
  baseUrl(): string;
  error(status: number, code: string, message: string): FakeResponse;
}

export function userDelta(url: URL, source: DeltaSource): FakeResponse {
  const params = url.searchParams;
  const deltaToken = params.get('$deltatoken');
  const skipToken = params.get('$skiptoken');
  const link = (kind: '$skiptoken' | '$deltatoken', token: RoundToken) => `${source.baseUrl()}/v1.0/users/delta?${kind}=${jsonToken(token)}`;
  if (deltaToken === 'latest') {
    const select = selectOf(params);
    const refused = source.validateSelect(select);
    if (refused) return refused;
    return answer(source, [], { '@odata.deltaLink': link('$deltatoken', { generation: source.log.generation, since: source.log.current, upto: source.log.current, offset: 0, select }) });
  }
  let round: RoundToken;
  if (deltaToken !== null || skipToken !== null) {
    const read = readRound(deltaToken ?? skipToken!);
    if (!read) return source.error(400, 'BadRequest', 'The delta or skip token in the request is not valid.');
    if (read.generation !== source.log.generation) return source.error(410, 'syncStateNotFound', 'The sync state of this delta token is no longer available; start a new round.');
    // A deltaLink starts the next round: changes up to now.
    round = deltaToken !== null ? { ...read, upto: source.log.current, offset: 0 } : read;
  } else {
    const select = selectOf(params);
    const refused = source.validateSelect(select);
    if (refused) return refused;
    round = { generation: source.log.generation, since: null, upto: source.log.current, offset: 0, select };
  }
  const records = round.since === null ? source.users.map((u) => source.project(u, round.select)) : changedRecords(source, round);
  const page = records.slice(round.offset, round.offset + source.pageSize);
  const end = round.offset + page.length >= records.length;
  return answer(
    source,
    page,
    end
      ? { '@odata.deltaLink': link('$deltatoken', { ...round, since: round.upto, offset: 0 }) }
      : { '@odata.nextLink': link('$skiptoken', { ...round, offset: round.offset + page.length }) },
  );
}

/** The changed users as they are now; a user no longer listed comes as `@removed` (soft-deleted: restorable). */
function changedRecords(source: DeltaSource, round: RoundToken): unknown[] {
  const byId = new Map<string, unknown>();
  for (const u of source.users) if (u && typeof u === 'object' && typeof (u as { id?: unknown }).id === 'string') byId.set((u as { id: string }).id, u);
  return source.log.changedBetween(round.since!, round.upto).map((id) => (byId.has(id) ? source.project(byId.get(id), round.select) : { id, '@removed': { reason: 'changed' } }));
}

function answer(source: DeltaSource, value: unknown[], links: Record<string, string>): FakeResponse {
  return { status: 200, body: { '@odata.context': `${source.baseUrl()}/v1.0/$metadata#users`, value, ...links } };
}

function selectOf(params: URLSearchParams): string[] {
  const raw = params.get('$select');
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

function readRound(token: string): RoundToken | null {
  const value = readJsonToken(token) as Partial<RoundToken> | undefined;
  if (!value || typeof value.generation !== 'number' || typeof value.upto !== 'number' || typeof value.offset !== 'number' || !Array.isArray(value.select)) return null;
  if (value.since !== null && typeof value.since !== 'number') return null;
  return value as RoundToken;
}
