import { withContentHash } from '../../domain/content-hash';
import type { SyncedEmployee } from '../../domain/employee-mapping';
import { syncedEmployee } from '../support/synced-employee';
import {
  markSeen,
  planBatch,
  planReconciliation,
  planRemovals,
  resolveDeferred,
  startReconciliation,
  type ExistingEmployee,
  type IncomingEmployee,
} from '../../domain/reconciliation';

function synced(remoteId: string, overrides: Partial<SyncedEmployee> = {}): IncomingEmployee {
  return withContentHash(syncedEmployee(remoteId, overrides));
}

/** The stored twin of an incoming record (same hash unless overridden). */
function stored(incoming: IncomingEmployee, overrides: Partial<ExistingEmployee> = {}): ExistingEmployee {
  return { id: `emp-${incoming.remoteId}`, remoteId: incoming.remoteId, email: incoming.email, contentHash: incoming.contentHash, status: 'ACTIVE', removedAt: null, ...overrides };
}

function people(n: number, prefix = 'r'): IncomingEmployee[] {
  return Array.from({ length: n }, (_, i) => synced(`${prefix}${i}`));
}

describe('planReconciliation: create / update / unchanged', () => {
  it('creates new people, updates changed ones, counts unchanged ones by hash', () => {
    const [a, b, c] = people(3);
    const changedB = synced(b.remoteId, { lastName: 'Married-Name' });
    const plan = planReconciliation({
      incoming: [a, changedB, c, synced('new-1')],
      existing: [stored(a), stored(b), stored(c)],
      listingComplete: true,
    });
    expect(plan.toCreate.map((e) => e.remoteId)).toEqual(['new-1']);
    expect(plan.toUpdate).toEqual([{ existingId: 'emp-r1', incoming: changedB, reason: 'changed', previousRemoteId: 'r1' }]);
    expect(plan.unchanged).toBe(2);
    expect(plan.missing).toEqual([]);
    expect(plan.removalBlocked).toBe(false);
  });

  it('updates an employee without a stored hash, and restores a removed one even when unchanged', () => {
    const [a, b] = people(2);
    const plan = planReconciliation({
      incoming: [a, b],
      existing: [stored(a, { contentHash: null }), stored(b, { removedAt: new Date('2026-01-01T00:00:00Z') })],
      listingComplete: true,
    });
    expect(plan.toUpdate.map((u) => [u.existingId, u.reason])).toEqual([
      ['emp-r0', 'changed'],
      ['emp-r1', 'restored'],
    ]);
    expect(plan.unchanged).toBe(0);
  });

  it('skips a record listed twice (shifting offset pagination) and counts it', () => {
    const [a] = people(1);
    const plan = planReconciliation({ incoming: [a, synced('x'), a, synced('x')], existing: [stored(a)], listingComplete: true });
    expect(plan.duplicates).toBe(2);
    expect(plan.toCreate.map((e) => e.remoteId)).toEqual(['x']);
    expect(plan.unchanged).toBe(1);
  });
});

describe('removals', () => {
  it('believes nothing from an incomplete listing, even if everyone is missing', () => {
    const existing = people(30).map((p) => stored(p));
    const plan = planReconciliation({ incoming: [], existing, listingComplete: false });
    expect(plan.missing).toEqual([]);
    expect(plan.removalBlocked).toBe(false);
    expect(plan.removal.skippedIncompleteListing).toBe(true);
    expect(plan.removal.explanation).toMatch(/not complete/);
  });

  it('lists employees missing from a complete listing, but not already removed ones nor listed-but-skipped ones', () => {
    const all = people(10);
    const existing = [...all.map((p) => stored(p)), stored(synced('gone-before'), { removedAt: '2026-01-01T00:00:00Z' })];
    // r0..r6 valid in the listing, r7 invalid/filtered out (listed), r8 and r9 missing
    const plan = planReconciliation({ incoming: all.slice(0, 7), existing, listingComplete: true, otherListedRemoteIds: ['r7', null] });
    expect(plan.missing).toEqual(['emp-r8', 'emp-r9']);
    expect(plan.removalBlocked).toBe(false);
    expect(plan.removal).toMatchObject({ missingActiveCount: 2, activeCount: 10, blockReason: null });
  });

  it.each([
    // [active, missing, blocked]
    [25, 5, false], // exactly 20 % and exactly minCount: allowed (the share must be exceeded)
    [25, 6, true], // 24 % and ≥ 5
    [10, 4, false], // 40 % but fewer than 5 people
    [10, 5, true], // 50 % and exactly 5 people
    [1000, 200, false], // exactly 20 %
    [1000, 201, true],
  ])('mass-removal guard: %i active, %i missing → blocked=%p', (active, missingCount, blocked) => {
    const all = people(active);
    const plan = planReconciliation({ incoming: all.slice(missingCount), existing: all.map((p) => stored(p)), listingComplete: true, massRemoval: { maxShare: 0.2, minCount: 5 } });
    expect(plan.missing).toHaveLength(missingCount);
    expect(plan.removalBlocked).toBe(blocked);
    expect(plan.removal.blockReason).toBe(blocked ? 'MASS_REMOVAL' : null);
    if (blocked) expect(plan.removal.explanation).toBe(`${missingCount} of ${active} active employees are missing from the HR system (more than 20%); their removal waits for an admin's confirmation.`);
  });

  it('compares the share without floating-point surprises (3 of 30 at maxShare 0.1 is not more)', () => {
    const all = people(30);
    const at = planReconciliation({ incoming: all.slice(3), existing: all.map((p) => stored(p)), listingComplete: true, massRemoval: { maxShare: 0.1, minCount: 1 } });
    expect(at.removalBlocked).toBe(false);
    const over = planReconciliation({ incoming: all.slice(4), existing: all.map((p) => stored(p)), listingComplete: true, massRemoval: { maxShare: 0.1, minCount: 1 } });
    expect(over.removalBlocked).toBe(true);
  });

  it('counts only active employees toward the guard; leavers that vanish are still listed as missing', () => {
    const active = people(25, 'a');
    const leavers = people(10, 'left');
    const existing = [...active.map((p) => stored(p)), ...leavers.map((p) => stored(p, { status: 'LEFT' }))];
    const plan = planReconciliation({ incoming: active.slice(1), existing, listingComplete: true });
    expect(plan.missing).toHaveLength(11);
    expect(plan.removal).toMatchObject({ missingActiveCount: 1, activeCount: 25, removalBlocked: false });
  });

  it('blocks when a complete listing contains nobody at all, however small the company', () => {
    const all = people(3);
    const plan = planReconciliation({ incoming: [], existing: all.map((p) => stored(p)), listingComplete: true });
    expect(plan.missing).toHaveLength(3);
    expect(plan.removalBlocked).toBe(true);
    expect(plan.removal.blockReason).toBe('EMPTY_LISTING');
  });

  it("lifts the guard after an admin's confirmation", () => {
    const all = people(10);
    const plan = planReconciliation({ incoming: all.slice(6), existing: all.map((p) => stored(p)), listingComplete: true, confirmed: true });
    expect(plan.missing).toHaveLength(6);
    expect(plan.removalBlocked).toBe(false);
  });
});

describe('re-link by work e-mail', () => {
  it('re-links an employee whose HR id is gone to the new record with the same e-mail (case-insensitive)', () => {
    const old = synced('old-7', { email: 'Anna.Berg@Example.com' });
    const reconnected = synced('new-7', { email: 'anna.berg@example.com' });
    const plan = planReconciliation({ incoming: [reconnected], existing: [stored(old)], listingComplete: true });
    expect(plan.toCreate).toEqual([]);
    expect(plan.toUpdate).toEqual([{ existingId: 'emp-old-7', incoming: reconnected, reason: 'relinked', previousRemoteId: 'old-7' }]);
    expect(plan.missing).toEqual([]);
  });

  it('does not re-link when the old HR record is still in the listing (two records, same e-mail)', () => {
    const old = synced('old-7', { email: 'anna.berg@example.com', hrStatus: 'terminated' });
    const second = synced('new-7', { email: 'anna.berg@example.com' });
    const plan = planReconciliation({ incoming: [second, old], existing: [stored(old)], listingComplete: true });
    expect(plan.toCreate.map((e) => e.remoteId)).toEqual(['new-7']);
    expect(plan.toUpdate).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('re-links at once an employee that never had an HR id', () => {
    const manual: ExistingEmployee = { id: 'emp-manual', remoteId: null, email: 'tom@example.com', contentHash: null, status: 'ACTIVE' };
    const state = startReconciliation([manual]);
    const batch = planBatch(state, [synced('h-1', { email: 'TOM@example.com' })]);
    expect(batch.deferred).toEqual([]);
    expect(batch.toUpdate.map((u) => [u.existingId, u.reason, u.previousRemoteId])).toEqual([['emp-manual', 'relinked', null]]);
  });

  it('re-links only one of two new records with the same e-mail; the other is created', () => {
    const old = synced('old-1', { email: 'x@example.com' });
    const plan = planReconciliation({ incoming: [synced('n-1', { email: 'x@example.com' }), synced('n-2', { email: 'x@example.com' })], existing: [stored(old)], listingComplete: true });
    expect(plan.toUpdate.map((u) => [u.existingId, u.incoming.remoteId])).toEqual([['emp-old-1', 'n-1']]);
    expect(plan.toCreate.map((e) => e.remoteId)).toEqual(['n-2']);
  });

  it('prefers a current employee over a removed one with the same e-mail', () => {
    const removed = { ...stored(synced('o-1', { email: 'y@example.com' })), id: 'emp-removed', removedAt: '2025-01-01T00:00:00Z' };
    const current = stored(synced('o-2', { email: 'y@example.com' }));
    const plan = planReconciliation({ incoming: [synced('n-1', { email: 'y@example.com' })], existing: [removed, current], listingComplete: true });
    expect(plan.toUpdate.map((u) => u.existingId)).toEqual(['emp-o-2']);
    expect(plan.toCreate).toEqual([]);
    expect(plan.missing).toEqual([]); // the removed one stays removed, the current one is re-linked
  });
});

describe('batches', () => {
  it('defers an e-mail match until the end: the old HR id appearing in a later batch means no re-link', () => {
    const old = synced('old-1', { email: 'z@example.com' });
    const state = startReconciliation([stored(old)]);
    const first = planBatch(state, [synced('new-1', { email: 'z@example.com' })]);
    expect(first.deferred.map((e) => e.remoteId)).toEqual(['new-1']);
    expect(first.toCreate).toEqual([]);
    const second = planBatch(state, [old]);
    expect(second.unchanged).toBe(1);
    const late = resolveDeferred(state, first.deferred);
    expect(late.toCreate.map((e) => e.remoteId)).toEqual(['new-1']);
    expect(late.toUpdate).toEqual([]);
    expect(planRemovals({ ...state, listingComplete: true }).missing).toEqual([]);
  });

  it('does not re-link when the old HR record is listed but was invalid or filtered out', () => {
    const old = synced('old-1', { email: 'z@example.com' });
    const state = startReconciliation([stored(old)]);
    const first = planBatch(state, [synced('new-1', { email: 'z@example.com' })]);
    markSeen(state, ['old-1']); // a later page listed old-1 as an invalid record
    const late = resolveDeferred(state, first.deferred);
    expect(late.toUpdate).toEqual([]);
    expect(late.toCreate.map((e) => e.remoteId)).toEqual(['new-1']);
    expect(planRemovals({ ...state, listingComplete: true }).missing).toEqual([]);
  });

  it('re-links a deferred record when the old HR id never appears, and does not count it as missing', () => {
    const old = synced('old-1', { email: 'z@example.com' });
    const others = people(4);
    const state = startReconciliation([stored(old), ...others.map((p) => stored(p))]);
    const first = planBatch(state, [synced('new-1', { email: 'z@example.com' }), others[0], others[1]]);
    const second = planBatch(state, [others[2], others[3]]);
    expect(first.unchanged + second.unchanged).toBe(4);
    const late = resolveDeferred(state, first.deferred);
    expect(late.toUpdate.map((u) => [u.existingId, u.reason, u.previousRemoteId])).toEqual([['emp-old-1', 'relinked', 'old-1']]);
    const removal = planRemovals({ ...state, listingComplete: true });
    expect(removal.missing).toEqual([]);
  });

  it('without resolveDeferred the unclaimed old employee would look missing (the order matters)', () => {
    const old = synced('old-1', { email: 'z@example.com' });
    const state = startReconciliation([stored(old)]);
    planBatch(state, [synced('new-1', { email: 'z@example.com' })]);
    expect(planRemovals({ ...state, listingComplete: true }).missing).toEqual(['emp-old-1']);
  });

  it('gives the same result in batches of 500 as in one go', () => {
    const all = people(2_000);
    const existing = all.slice(0, 1_800).map((p, i) => stored(p, i % 7 === 0 ? { contentHash: 'stale' } : {}));
    const listing = all.slice(100);
    const whole = planReconciliation({ incoming: listing, existing, listingComplete: true });

    const state = startReconciliation(existing);
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (let i = 0; i < listing.length; i += 500) {
      const b = planBatch(state, listing.slice(i, i + 500));
      created += b.toCreate.length;
      updated += b.toUpdate.length;
      unchanged += b.unchanged;
      expect(b.deferred).toEqual([]);
    }
    const removal = planRemovals({ ...state, listingComplete: true });
    expect([created, updated, unchanged]).toEqual([whole.toCreate.length, whole.toUpdate.length, whole.unchanged]);
    expect(created).toBe(200);
    expect(removal.missing).toEqual(whole.missing);
    expect(removal.missing).toHaveLength(100);
  });

  it('markSeen keeps listed-but-unprocessed employees from looking missing', () => {
    const [a, b] = people(2);
    const state = startReconciliation([stored(a), stored(b)]);
    planBatch(state, [a]);
    markSeen(state, ['r1']);
    expect(planRemovals({ ...state, listingComplete: true }).missing).toEqual([]);
  });

  it('handles 100,000 employees in batches of 500 in linear time', () => {
    const n = 100_000;
    const existing: ExistingEmployee[] = [];
    const listing: IncomingEmployee[] = [];
    for (let i = 0; i < n; i++) {
      const remoteId = `r${i}`;
      const email = `p${i}@example.com`;
      existing.push({ id: `e${i}`, remoteId, email, contentHash: `h${i}`, status: 'ACTIVE' });
      // 1 % changed, 0.5 % re-linked by e-mail (new id), 0.5 % missing, 1 % new
      if (i % 200 === 1) continue;
      if (i % 200 === 2) {
        listing.push({ ...synced(`new-${i}`, { email: email.toUpperCase() }), contentHash: 'x' });
        continue;
      }
      listing.push({ ...synced(remoteId, { email }), contentHash: i % 100 === 0 ? 'changed' : `h${i}` });
      if (i % 100 === 3) listing.push({ ...synced(`hire-${i}`), contentHash: 'n' });
    }
    const started = process.hrtime.bigint();
    const state = startReconciliation(existing);
    const deferred: IncomingEmployee[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (let i = 0; i < listing.length; i += 500) {
      const b = planBatch(state, listing.slice(i, i + 500));
      created += b.toCreate.length;
      updated += b.toUpdate.length;
      unchanged += b.unchanged;
      deferred.push(...b.deferred);
    }
    const late = resolveDeferred(state, deferred);
    const removal = planRemovals({ ...state, listingComplete: true });
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;

    expect(created + late.toCreate.length).toBe(1_000);
    expect(updated).toBe(1_000);
    expect(late.toUpdate).toHaveLength(500);
    expect(late.toUpdate.every((u) => u.reason === 'relinked')).toBe(true);
    expect(unchanged).toBe(n - 1_000 - 500 - 500);
    expect(removal.missing).toHaveLength(500);
    expect(removal.removalBlocked).toBe(false);
    expect(elapsedMs).toBeLessThan(5_000); // quadratic matching would take minutes
  });
});
