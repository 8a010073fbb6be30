// Graph's change listing for users: GET /v1.0/users/delta. A round pages over @odata.nextLink until
// a page carries @odata.deltaLink; that link is the checkpoint the product keeps and the next change
// listing starts from. Without a checkpoint, Graph's first round reports everyone (the current state).
// `$deltatoken=latest` gives a link for "changes from now on" without reading anyone: a complete
// listing asks for it before its first page, so an edit made while it runs is in the next round.
import { ChangesCheckpointExpiredError, HrSystemResponseError } from '../errors';
import { mapRecords, type MappedRecord } from '../kit';
import type { EmployeePage } from '../types';
import type { GraphClient } from './graph-client';

const USERS_PERMISSION = 'User.Read.All';

interface DeltaBody {
  value?: unknown;
  '@odata.nextLink'?: unknown;
  '@odata.deltaLink'?: unknown;
}

export class UserDelta {
  constructor(private readonly graph: GraphClient) {}

  /** The first round of a new change tracking: everyone, with these properties tracked from now on. */
  initialUrl(select: readonly string[]): string {
    return this.graph.api.url('/v1.0/users/delta', { $select: select.join(',') });
  }

  /**
   * A deltaLink for the changes after this moment, or null where Graph offers none to this tenant (a
   * 4xx: change tracking is not available everywhere, e.g. Azure AD B2C). Throttling and outages throw.
   */
  async startingPoint(select: readonly string[]): Promise<string | null> {
    try {
      const body = (await this.graph.send({ url: this.graph.api.url('/v1.0/users/delta', { $select: select.join(','), $deltatoken: 'latest' }), permission: USERS_PERMISSION })) as DeltaBody | null;
      return this.trusted(body?.['@odata.deltaLink']) ?? null;
    } catch (err) {
      if (err instanceof HrSystemResponseError && err.httpStatus !== null && err.httpStatus < 500) return null;
      throw err;
    }
  }

  /**
   * One page of a round: `url` is the stored checkpoint, a nextLink (cursor) or initialUrl(). `@removed`
   * entries are skipped: removals are believed from complete listings only.
   */
  async page(url: string, map: (raw: unknown) => MappedRecord): Promise<EmployeePage> {
    if (!this.trusted(url)) throw this.graph.api.unexpected('a change-listing link that does not point back at Graph', null);
    let body: DeltaBody | null;
    try {
      body = (await this.graph.send({ url, permission: USERS_PERMISSION })) as DeltaBody | null;
    } catch (err) {
      if (isExpiredState(err)) throw new ChangesCheckpointExpiredError(`${this.graph.api.hrSystemName} no longer accepts the stored change checkpoint: ${(err as Error).message}`, this.graph.api.hrSystemName);
      throw err;
    }
    if (!body || !Array.isArray(body.value)) throw this.graph.api.unexpected('the change listing');
    const records = body.value.filter((item) => !(item && typeof item === 'object' && '@removed' in item));
    const next = body['@odata.nextLink'];
    const delta = body['@odata.deltaLink'];
    if (next !== undefined) {
      const nextCursor = this.trusted(next);
      if (!nextCursor || nextCursor === url) throw this.graph.api.unexpected('the change listing’s next link');
      return { ...mapRecords(records, map), nextCursor };
    }
    const checkpoint = this.trusted(delta);
    // A round without either link would look finished while it is not.
    if (!checkpoint) throw this.graph.api.unexpected('the change listing’s last page (no deltaLink)');
    return { ...mapRecords(records, map), nextCursor: null, changesCheckpoint: checkpoint };
  }

  /** Links must point back at Graph's /users/delta: the bearer token never goes elsewhere. */
  private trusted(link: unknown): string | undefined {
    return typeof link === 'string' && link.startsWith(`${this.graph.graphBase}/v1.0/users/delta?`) ? link : undefined;
  }
}

/**
 * Graph refuses an old delta token with 410 Gone, or a 4xx naming syncStateNotFound / resyncRequired
 * (the code is not carried by the error, so the message is read as a fallback).
 */
function isExpiredState(err: unknown): boolean {
  if (!(err instanceof HrSystemResponseError)) return false;
  if (err.httpStatus === 410) return true;
  return err.httpStatus !== null && err.httpStatus >= 400 && err.httpStatus < 500 && /sync ?state|resync|delta ?token/i.test(err.message);
}
