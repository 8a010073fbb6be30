// The Graph user properties offered for mapping and filters. Keys are Graph property names (nested
// ones as "parent.child"), the same keys mapping.ts uses in RemoteEmployee.attributes.
import type { AttributeOption } from '../types';

/** Standard user properties read for every employee ($select needs each one by name). */
export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  { key: 'accountEnabled', label: 'Account enabled', type: 'boolean', custom: false },
  { key: 'employeeId', label: 'Employee ID', type: 'string', custom: false },
  { key: 'employeeType', label: 'Employee type', type: 'string', custom: false },
  { key: 'employeeHireDate', label: 'Hire date', type: 'date', custom: false },
  { key: 'employeeLeaveDateTime', label: 'Leave date', type: 'date', custom: false },
  { key: 'companyName', label: 'Company name', type: 'string', custom: false },
  { key: 'department', label: 'Department', type: 'string', custom: false },
  { key: 'jobTitle', label: 'Job title', type: 'string', custom: false },
  { key: 'officeLocation', label: 'Office location', type: 'string', custom: false },
  { key: 'usageLocation', label: 'Usage location (country)', type: 'string', custom: false },
  { key: 'employeeOrgData.division', label: 'Division', type: 'string', custom: false },
  { key: 'employeeOrgData.costCenter', label: 'Cost center', type: 'string', custom: false },
];

/** extensionAttribute1..15 (synced from on-premises AD or set in the cloud); free for customer use. */
export const ON_PREMISES_EXTENSION_ATTRIBUTES: readonly AttributeOption[] = Array.from({ length: 15 }, (_, i) => ({
  key: `onPremisesExtensionAttributes.extensionAttribute${i + 1}`,
  label: `Extension attribute ${i + 1}`,
  type: 'string' as const,
  custom: true,
}));

/** A directory extension definition as returned by getAvailableExtensionProperties. */
export interface DirectoryExtension {
  /** extension_<appId without dashes>_<name>, also the property name on the user. */
  name: string;
  dataType: string;
  isMultiValued: boolean;
  appDisplayName: string | null;
}

export function directoryExtensionAttribute(extension: DirectoryExtension): AttributeOption {
  const shortName = extension.name.replace(/^extension_[0-9a-f]+_/i, '');
  return {
    key: extension.name,
    label: extension.appDisplayName ? `${shortName} (${extension.appDisplayName})` : shortName,
    type: extension.isMultiValued ? 'list' : extensionValueType(extension.dataType),
    custom: true,
  };
}

function extensionValueType(dataType: string): AttributeOption['type'] {
  switch (dataType) {
    case 'Integer':
    case 'LargeInteger':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'DateTime':
      return 'date';
    default:
      return 'string';
  }
}
