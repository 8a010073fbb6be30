// The employee as any HR system describes it, in the product's unified terms: what connectors
// produce and the pure rules read. Lives in domain/ so rules never depend on the connector layer.

export type HrStatus = 'active' | 'onboarding' | 'leave' | 'inactive' | 'terminated';
export type EmploymentType = 'FULL_TIME' | 'PART_TIME' | 'WORKING_STUDENT' | 'INTERN' | 'MINI_JOB' | 'CONTRACTOR' | 'OTHER';
export type Gender = 'male' | 'female' | 'diverse';
export type MaritalStatus = 'single' | 'married' | 'registered_partnership' | 'divorced' | 'widowed' | 'separated';

/** A value of one HR attribute as the vendor sent it (custom attributes included). */
export type AttributeValue = string | number | boolean | null;

/**
 * One employee as the connector read it, already translated from the vendor's field names into the
 * unified names where the vendor has a standard field. `attributes` keeps every attribute the vendor
 * returned (keyed like `AttributeOption.key`) so the admin's mapping and filters can use custom ones.
 * Dates are `YYYY-MM-DD`. A field the vendor does not offer, or did not send, is null/absent.
 */
export interface RemoteEmployee {
  remoteId: string;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  status?: HrStatus | null;
  personnelNumber?: string | null;
  employmentType?: EmploymentType | null;
  hireDate?: string | null;
  leavingDate?: string | null;
  gender?: Gender | null;
  legalEntity?: { id: string; name: string } | null;
  maritalStatus?: MaritalStatus | null;
  numberOfChildren?: number | null;
  attributes: Record<string, AttributeValue>;
}

/** A record the vendor returned that cannot be read (no id, wrong shape): counted, never fatal. */
export interface InvalidRemoteRecord {
  remoteId: string | null;
  reason: string;
}
