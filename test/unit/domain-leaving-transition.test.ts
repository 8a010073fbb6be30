import type { HrStatus } from '../../connectors/types';
import type { EmployeeStatus } from '../../domain/hr-values';
import { decideLeavingChange, effectiveLeavingDate, isRehire, type LeavingChange } from '../../domain/leaving-transition';

type Row = [string, EmployeeStatus, string | null, string | null, string | null, string | null, HrStatus | null, LeavingChange];

describe('decideLeavingChange', () => {
  // [case, previous.status, previous.leavingDate, previous.hireDate, incoming.leavingDate, incoming.hireDate, incoming.hrStatus, expected]
  it.each<Row>([
    ['active, no leaving date', 'ACTIVE', null, '2020-01-01', null, '2020-01-01', 'active', 'none'],
    ['active, leaving date appears', 'ACTIVE', null, '2020-01-01', '2026-06-30', '2020-01-01', 'active', 'plan'],
    ['active, leaving date already in the past (late entry)', 'ACTIVE', null, '2020-01-01', '2025-12-31', '2020-01-01', 'terminated', 'plan'],
    ['active, stored date but not yet planned (interrupted sync)', 'ACTIVE', '2026-06-30', '2020-01-01', '2026-06-30', '2020-01-01', 'active', 'plan'],
    ['active, stale leaving date before the hire date', 'ACTIVE', null, '2026-05-01', '2025-12-31', '2026-05-01', 'active', 'none'],
    ['active, HR says terminated without a date', 'ACTIVE', null, '2020-01-01', null, '2020-01-01', 'terminated', 'none'],
    ['planned, same date', 'LEAVING_PLANNED', '2026-06-30', '2020-01-01', '2026-06-30', '2020-01-01', 'active', 'none'],
    ['planned, date moved later', 'LEAVING_PLANNED', '2026-06-30', '2020-01-01', '2026-09-30', '2020-01-01', 'active', 'reschedule'],
    ['planned, date moved within the month', 'LEAVING_PLANNED', '2026-06-30', '2020-01-01', '2026-06-15', '2020-01-01', 'active', 'reschedule'],
    ['planned, date cleared', 'LEAVING_PLANNED', '2026-06-30', '2020-01-01', null, '2020-01-01', 'active', 'withdraw'],
    ['planned, rehired: newer hire date, old date left behind', 'LEAVING_PLANNED', '2026-03-31', '2020-01-01', '2026-03-31', '2026-04-15', 'active', 'withdraw'],
    ['planned, new hire date but the leaving date still applies', 'LEAVING_PLANNED', '2026-06-30', '2020-01-01', '2026-06-30', '2026-04-01', 'active', 'none'],
    ['left, date changed afterwards', 'LEFT', '2026-03-31', '2020-01-01', '2026-04-30', '2020-01-01', 'terminated', 'none'],
    ['left, date cleared without a rehire', 'LEFT', '2026-03-31', '2020-01-01', null, '2020-01-01', 'inactive', 'none'],
    ['left, rehired (active, newer hire date, no date)', 'LEFT', '2026-03-31', '2020-01-01', null, '2026-08-01', 'active', 'withdraw'],
    ['left, rehired while onboarding, old date kept', 'LEFT', '2026-03-31', '2020-01-01', '2026-03-31', '2026-08-01', 'onboarding', 'withdraw'],
    ['left, rehired on a fixed-term contract with a new date', 'LEFT', '2026-03-31', '2020-01-01', '2026-12-31', '2026-08-01', 'active', 'plan'],
    ['left, newer hire date but HR still terminated', 'LEFT', '2026-03-31', '2020-01-01', null, '2026-08-01', 'terminated', 'none'],
    ['left, active again with the same hire date', 'LEFT', '2026-03-31', '2020-01-01', null, '2020-01-01', 'active', 'none'],
    ['left, no stored hire date to compare', 'LEFT', '2026-03-31', null, null, '2026-08-01', 'active', 'none'],
  ])('%s', (_case, status, prevLeaving, prevHire, leavingDate, hireDate, hrStatus, expected) => {
    expect(decideLeavingChange({ previous: { status, leavingDate: prevLeaving, hireDate: prevHire }, incoming: { leavingDate, hireDate, hrStatus } })).toBe(expected);
  });
});

describe('helpers', () => {
  it('effectiveLeavingDate ignores a date before the hire date and malformed dates', () => {
    expect(effectiveLeavingDate({ leavingDate: '2026-06-30', hireDate: '2020-01-01', hrStatus: 'active' })).toBe('2026-06-30');
    expect(effectiveLeavingDate({ leavingDate: '2026-06-30', hireDate: '2026-06-30', hrStatus: 'active' })).toBe('2026-06-30');
    expect(effectiveLeavingDate({ leavingDate: '2026-06-29', hireDate: '2026-06-30', hrStatus: 'active' })).toBeNull();
    expect(effectiveLeavingDate({ leavingDate: '2026-02-30', hireDate: null, hrStatus: 'active' })).toBeNull();
  });

  it('isRehire needs a working HR status and a strictly newer hire date', () => {
    const previous = { status: 'LEFT' as const, leavingDate: '2026-03-31', hireDate: '2020-01-01' };
    expect(isRehire({ previous, incoming: { leavingDate: null, hireDate: '2020-01-02', hrStatus: 'active' } })).toBe(true);
    expect(isRehire({ previous, incoming: { leavingDate: null, hireDate: '2019-12-31', hrStatus: 'active' } })).toBe(false);
    expect(isRehire({ previous, incoming: { leavingDate: null, hireDate: '2020-01-02', hrStatus: 'leave' } })).toBe(false);
    expect(isRehire({ previous, incoming: { leavingDate: null, hireDate: '2020-01-02', hrStatus: null } })).toBe(false);
  });
});
