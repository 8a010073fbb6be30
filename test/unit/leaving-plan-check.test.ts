import { leavingPlanProblem } from '../../workflows/leaving-plan-check';

describe('leavingPlanProblem (update validator of the leaving lifecycle)', () => {
  const now = Date.parse('2026-11-15T10:00:00.000Z');

  it('accepts a future deadline with its month', () => {
    expect(leavingPlanProblem({ benefitsEndAt: '2026-11-30T23:00:00.000Z', lastWorkingMonth: '2026-11' }, now)).toBeNull();
    expect(leavingPlanProblem({ benefitsEndAt: '2026-11-30T23:00:00Z', lastWorkingMonth: '2026-11' }, now)).toBeNull();
  });

  it('rejects a deadline that has passed or is exactly now (never retroactive)', () => {
    expect(leavingPlanProblem({ benefitsEndAt: '2026-10-31T23:00:00.000Z', lastWorkingMonth: '2026-10' }, now)).toMatch(/already passed/);
    expect(leavingPlanProblem({ benefitsEndAt: new Date(now).toISOString(), lastWorkingMonth: '2026-11' }, now)).toMatch(/already passed/);
  });

  it.each([
    [null, /ISO-8601/],
    [{}, /ISO-8601/],
    [{ benefitsEndAt: '2026-12-01', lastWorkingMonth: '2026-11' }, /ISO-8601/],
    [{ benefitsEndAt: '2026-12-01T00:00:00+01:00', lastWorkingMonth: '2026-11' }, /ISO-8601/],
    [{ benefitsEndAt: '2026-13-45T00:00:00.000Z', lastWorkingMonth: '2026-11' }, /ISO-8601/],
    [{ benefitsEndAt: '2026-11-30T23:00:00.000Z' }, /YYYY-MM/],
    [{ benefitsEndAt: '2026-11-30T23:00:00.000Z', lastWorkingMonth: '2026-13' }, /YYYY-MM/],
  ])('rejects a malformed plan %j', (plan, message) => {
    expect(leavingPlanProblem(plan as never, now)).toMatch(message);
  });
});
