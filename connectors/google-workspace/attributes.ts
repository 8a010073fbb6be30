// The user fields offered for mapping and filters. Standard fields are keyed by their Directory API
// path (from the user's primary organization where it is a list); custom fields as
// "customSchemas.<schemaName>.<fieldName>", the same keys mapping.ts puts into attributes.
import type { AttributeOption } from '../types';

export const STANDARD_ATTRIBUTES: readonly AttributeOption[] = [
  { key: 'orgUnitPath', label: 'Organizational unit', type: 'string', custom: false },
  { key: 'suspended', label: 'Suspended', type: 'boolean', custom: false },
  { key: 'archived', label: 'Archived', type: 'boolean', custom: false },
  { key: 'externalIds.organization', label: 'Employee ID', type: 'string', custom: false },
  { key: 'organizations.name', label: 'Organization name', type: 'string', custom: false },
  { key: 'organizations.title', label: 'Job title', type: 'string', custom: false },
  { key: 'organizations.department', label: 'Department', type: 'string', custom: false },
  { key: 'organizations.costCenter', label: 'Cost center', type: 'string', custom: false },
  { key: 'organizations.description', label: 'Organization description', type: 'string', custom: false },
  { key: 'organizations.location', label: 'Location', type: 'string', custom: false },
  { key: 'gender', label: 'Gender', type: 'string', custom: false },
];

export const customFieldKey = (schemaName: string, fieldName: string) => `customSchemas.${schemaName}.${fieldName}`;

/** A custom user schema as returned by schemas.list. */
export interface UserSchema {
  schemaName: string;
  displayName?: string | null;
  fields: Array<{ fieldName: string; fieldType: string; displayName?: string | null; multiValued?: boolean | null }>;
}

export function customFieldAttributes(schema: UserSchema): AttributeOption[] {
  return schema.fields.map((field) => ({
    key: customFieldKey(schema.schemaName, field.fieldName),
    label: `${schema.displayName || schema.schemaName}: ${field.displayName || field.fieldName}`,
    type: field.multiValued ? 'list' : fieldValueType(field.fieldType),
    custom: true,
  }));
}

function fieldValueType(fieldType: string): AttributeOption['type'] {
  switch (fieldType) {
    case 'INT64':
    case 'DOUBLE':
      return 'number';
    case 'BOOL':
      return 'boolean';
    case 'DATE':
      return 'date';
    default: // STRING, EMAIL, PHONE
      return 'string';
  }
}
