// Benefits, vouchers and lifecycle actions as the API shows them (these feed OpenAPI).
import { z } from 'zod';

export const BENEFIT_TYPES = ['MONTHLY_VOUCHER', 'RECREATION_ALLOWANCE', 'INTERNET_ALLOWANCE'] as const;

// A calendar date YYYY-MM-DD: months of 31 and 30 days, February of 28, and its 29th in leap years
// (not of the year 0000, which domain/leaving-dates.ts, like Date.UTC, takes for 1900).
const CALENDAR_DATE =
  /^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$/;

export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');

// The recreation allowance's amount is computed, so it takes no amountCents: the server answers
// 400 amount_is_computed (api/benefit-amounts.ts), the spec says it with an if/then.
export const createBenefitBody = z
  .object({
    type: z.enum(BENEFIT_TYPES),
    amountCents: z.number().int().positive().max(1_000_000).optional().describe('Monthly amount in euro cents of a voucher or the internet allowance (default 5000); not for the recreation allowance'),
  })
  .strict()
  .meta({ if: { properties: { type: { const: 'RECREATION_ALLOWANCE' } } }, then: { not: { required: ['amountCents'] } } });

export const benefit = z.object({
  id: z.uuid(),
  employeeId: z.uuid(),
  type: z.enum(BENEFIT_TYPES),
  status: z.enum(['ACTIVE', 'DEACTIVATED']),
  amountCents: z.number().int().describe('Monthly amount (vouchers, internet) or yearly eligible amount (recreation allowance), in euro cents'),
  recreationAllowance: z
    .object({ employeeCents: z.number().int(), spouseCents: z.number().int(), childrenCents: z.number().int(), totalCents: z.number().int() })
    .nullable()
    .describe('Breakdown of the eligible amount from the current marital status and children (recreation allowance only)'),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
});

export const benefitParams = z.object({ id: z.uuid({ message: 'must be a UUID' }), benefitId: z.uuid({ message: 'must be a UUID' }) });

export const selectVoucherBody = z.object({ benefitId: z.uuid({ message: 'must be a UUID' }), month: yearMonth }).strict();

export const voucher = z.object({
  id: z.uuid(),
  employeeId: z.uuid(),
  benefitId: z.uuid(),
  month: z.string(),
  amountCents: z.number().int(),
  status: z.enum(['SELECTED', 'REDEEMED']),
  selectedAt: z.string(),
  redeemedAt: z.string().nullable(),
});

export const leavingDateBody = z.object({
  leavingDate: z
    .string()
    .regex(CALENDAR_DATE, 'must be a calendar date written YYYY-MM-DD')
    .nullable()
    .describe('The last day of employment; null withdraws a planned leaving'),
}).strict();

export const lifecycleStatus = z.object({
  employeeId: z.uuid(),
  status: z.enum(['ACTIVE', 'LEAVING_PLANNED', 'LEFT']),
  leavingDate: z.string().nullable(),
  lastWorkingMonth: z.string().nullable(),
  benefitsEndAt: z.string().nullable().describe('When all benefits are switched off (midnight at the start of the month after the last working month, company time zone)'),
  leftAt: z.string().nullable(),
});

export const terminatedNow = lifecycleStatus.extend({ deactivatedBenefits: z.number().int() });

export const deleteEmployeeQuery = z.object({
  confirm: z.enum(['true', 'false']).optional().describe('Must be "true": deletion of personal data cannot be undone'),
});

export const employeeDeleted = z.object({
  deleted: z.literal(true),
  auditEntryId: z.uuid(),
  unreachableVouchers: z.number().int(),
});
