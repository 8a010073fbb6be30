import { forEachWithConcurrency, HANDOFF_CONCURRENCY } from '../../activities/leaving-handoff';

describe('forEachWithConcurrency (bounded fan-out of the sync handoff)', () => {
  const tick = () => new Promise((r) => setTimeout(r, 1));

  it('processes every item with at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachWithConcurrency(
      Array.from({ length: 100 }, (_, i) => i),
      HANDOFF_CONCURRENCY,
      async (i) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick();
        seen.push(i);
        inFlight--;
      },
    );
    expect(peak).toBe(HANDOFF_CONCURRENCY);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('finishes the other items before rejecting with the first error (a retry repeats only idempotent calls)', async () => {
    const done: number[] = [];
    await expect(
      forEachWithConcurrency([1, 2, 3, 4], 2, async (i) => {
        await tick();
        if (i === 2) throw new Error('boom');
        done.push(i);
      }),
    ).rejects.toThrow('boom');
    expect(done.sort()).toEqual([1, 3, 4]);
  });

  it('does nothing for no items', async () => {
    await expect(forEachWithConcurrency([], 16, async () => Promise.reject(new Error('never')))).resolves.toBeUndefined();
  });
});
