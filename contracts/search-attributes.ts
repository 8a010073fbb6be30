// Custom search attributes operators filter by in the Temporal UI. Identifiers only: search
// attributes are never encrypted, so nothing personal goes here.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CompanyIdKey = defineSearchAttributeKey('CompanyId', SearchAttributeType.KEYWORD);
export const IntegrationIdKey = defineSearchAttributeKey('IntegrationId', SearchAttributeType.KEYWORD);
export const HrSystemKey = defineSearchAttributeKey('HrSystem', SearchAttributeType.KEYWORD);
export const EmployeeIdKey = defineSearchAttributeKey('EmployeeId', SearchAttributeType.KEYWORD);
export const LifecycleStateKey = defineSearchAttributeKey('LifecycleState', SearchAttributeType.KEYWORD);
export const LastWorkingMonthKey = defineSearchAttributeKey('LastWorkingMonth', SearchAttributeType.KEYWORD);
/** Where an integration's push subscription stands (SUBSCRIBING, ACTIVE, DOWN, DELETED). */
export const SubscriptionStateKey = defineSearchAttributeKey('SubscriptionState', SearchAttributeType.KEYWORD);

/** Every custom attribute the product needs, registered at dev-server start or checked on a remote server. */
export const CUSTOM_SEARCH_ATTRIBUTES = [CompanyIdKey, IntegrationIdKey, HrSystemKey, EmployeeIdKey, LifecycleStateKey, LastWorkingMonthKey, SubscriptionStateKey] as const;
