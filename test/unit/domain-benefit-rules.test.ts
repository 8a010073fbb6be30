import { canConfigureBenefit, canRedeemVoucher, canSelectVoucher, canTerminateNow } from '../../domain/benefit-rules';

describe('canConfigureBenefit', () => {
  it('allows ACTIVE only, with a reason otherwise', () => {
    expect(canConfigureBenefit('ACTIVE')).toEqual({ allowed: true });
    expect(canConfigureBenefit('LEAVING_PLANNED')).toEqual({ allowed: false, reason: 'The employee is leaving; no new benefit can be configured.' });
    expect(canConfigureBenefit('LEFT')).toEqual({ allowed: false, reason: 'The employee has left; no new benefit can be configured.' });
  });
});

describe('canSelectVoucher', () => {
  it('lets ACTIVE select any valid month', () => {
    expect(canSelectVoucher('ACTIVE', '2027-01', null).allowed).toBe(true);
    expect(canSelectVoucher('ACTIVE', '2027-13', null).allowed).toBe(false);
  });

  it('lets LEAVING_PLANNED select up to and including the last working month, across the year end', () => {
    expect(canSelectVoucher('LEAVING_PLANNED', '2026-11', '2026-12').allowed).toBe(true);
    expect(canSelectVoucher('LEAVING_PLANNED', '2026-12', '2026-12').allowed).toBe(true);
    expect(canSelectVoucher('LEAVING_PLANNED', '2027-01', '2026-12')).toEqual({ allowed: false, reason: 'The employee is leaving; vouchers can be selected up to 2026-12.' });
    expect(canSelectVoucher('LEAVING_PLANNED', '2026-10', null).allowed).toBe(false);
  });

  it('lets LEFT select nothing, not even a month before leaving', () => {
    expect(canSelectVoucher('LEFT', '2026-05', '2026-06')).toEqual({ allowed: false, reason: 'The employee has left; nothing new can be selected.' });
  });
});

describe('canRedeemVoucher', () => {
  it('lets LEFT redeem vouchers of months up to the last working month only', () => {
    expect(canRedeemVoucher('LEFT', '2026-05', '2026-06').allowed).toBe(true);
    expect(canRedeemVoucher('LEFT', '2026-06', '2026-06').allowed).toBe(true);
    expect(canRedeemVoucher('LEFT', '2026-07', '2026-06').allowed).toBe(false);
    expect(canRedeemVoucher('LEFT', '2026-05', null).allowed).toBe(false);
  });

  it('lets ACTIVE and LEAVING_PLANNED redeem', () => {
    expect(canRedeemVoucher('ACTIVE', '2026-05', null).allowed).toBe(true);
    expect(canRedeemVoucher('LEAVING_PLANNED', '2026-05', '2026-06').allowed).toBe(true);
    expect(canRedeemVoucher('ACTIVE', 'May', null).allowed).toBe(false);
  });
});

describe('canTerminateNow', () => {
  it('is allowed only while no voucher is selected for the current month', () => {
    expect(canTerminateNow(false)).toEqual({ allowed: true });
    expect(canTerminateNow(false, 'LEAVING_PLANNED')).toEqual({ allowed: true });
    const denied = canTerminateNow(true, 'ACTIVE');
    expect(denied.allowed).toBe(false);
    expect(denied).toHaveProperty('reason', expect.stringMatching(/voucher has already been selected/));
    expect(canTerminateNow(false, 'LEFT').allowed).toBe(false);
  });
});
