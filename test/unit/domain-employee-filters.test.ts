import { fieldsUsedByFilters, filterValueEquals, integrationFiltersSchema, matchesFilters, type FilterSubject } from '../../domain/employee-filters';

const employee: FilterSubject = {
  legalEntity: { id: 'le-berlin', name: 'Example Berlin GmbH' },
  employmentType: 'FULL_TIME',
  gender: 'female',
  attributes: { department: 'Engineering', weekly_hours: 40, remote_allowed: true, cost_center: '4711' },
};

describe('integrationFiltersSchema', () => {
  it('accepts empty and complete filter sets', () => {
    expect(integrationFiltersSchema.parse({})).toEqual({});
    const full = { legalEntityIds: ['le-1'], employmentTypes: ['FULL_TIME', 'PART_TIME'], attributes: { department: 'Sales', weekly_hours: 40, remote: false } };
    expect(integrationFiltersSchema.parse(full)).toEqual(full);
  });

  it('rejects unknown employment types, unknown keys and non-scalar attribute values', () => {
    expect(integrationFiltersSchema.safeParse({ employmentTypes: ['FULLTIME'] }).success).toBe(false);
    expect(integrationFiltersSchema.safeParse({ legalEntity: ['le-1'] }).success).toBe(false);
    expect(integrationFiltersSchema.safeParse({ attributes: { department: ['a', 'b'] } }).success).toBe(false);
    expect(integrationFiltersSchema.safeParse({ legalEntityIds: [''] }).success).toBe(false);
  });
});

describe('matchesFilters', () => {
  it('matches everyone when there are no filters, or only empty ones', () => {
    expect(matchesFilters(employee, {})).toBe(true);
    expect(matchesFilters(employee, undefined)).toBe(true);
    expect(matchesFilters({ attributes: {} }, { legalEntityIds: [], employmentTypes: [], attributes: {} })).toBe(true);
  });

  it('filters by legal entity id', () => {
    expect(matchesFilters(employee, { legalEntityIds: ['le-munich', 'le-berlin'] })).toBe(true);
    expect(matchesFilters(employee, { legalEntityIds: ['le-munich'] })).toBe(false);
    expect(matchesFilters({ ...employee, legalEntity: null }, { legalEntityIds: ['le-berlin'] })).toBe(false);
  });

  it('filters by employment type', () => {
    expect(matchesFilters(employee, { employmentTypes: ['FULL_TIME'] })).toBe(true);
    expect(matchesFilters(employee, { employmentTypes: ['PART_TIME', 'MINI_JOB'] })).toBe(false);
    expect(matchesFilters({ ...employee, employmentType: null }, { employmentTypes: ['FULL_TIME'] })).toBe(false);
  });

  it('filters by equality on custom attributes, tolerant of case and number-as-text', () => {
    expect(matchesFilters(employee, { attributes: { department: 'engineering ' } })).toBe(true);
    expect(matchesFilters(employee, { attributes: { department: 'Sales' } })).toBe(false);
    expect(matchesFilters(employee, { attributes: { weekly_hours: '40' } })).toBe(true);
    expect(matchesFilters(employee, { attributes: { weekly_hours: 39 } })).toBe(false);
    expect(matchesFilters(employee, { attributes: { cost_center: 4711 } })).toBe(true);
    expect(matchesFilters(employee, { attributes: { remote_allowed: true } })).toBe(true);
    expect(matchesFilters(employee, { attributes: { remote_allowed: 'false' } })).toBe(false);
    expect(matchesFilters(employee, { attributes: { not_sent: 'x' } })).toBe(false);
  });

  it('filters on unified fields by name when no HR attribute of that name exists', () => {
    expect(matchesFilters(employee, { attributes: { gender: 'female' } })).toBe(true);
    expect(matchesFilters(employee, { attributes: { gender: 'male' } })).toBe(false);
    expect(matchesFilters(employee, { attributes: { legalEntity: 'Example Berlin GmbH' } })).toBe(true);
    // an HR attribute of the same name wins over the unified field
    expect(matchesFilters({ ...employee, attributes: { gender: 'W' } }, { attributes: { gender: 'w' } })).toBe(true);
  });

  it('requires every filter to match (AND)', () => {
    const filters = { legalEntityIds: ['le-berlin'], employmentTypes: ['FULL_TIME' as const], attributes: { department: 'Engineering' } };
    expect(matchesFilters(employee, filters)).toBe(true);
    expect(matchesFilters({ ...employee, employmentType: 'PART_TIME' }, filters)).toBe(false);
    expect(matchesFilters({ ...employee, attributes: { department: 'Sales' } }, filters)).toBe(false);
  });

  it('never equates an empty value with a filter', () => {
    expect(filterValueEquals(null, '')).toBe(false);
    expect(filterValueEquals('', 0)).toBe(false);
    expect(filterValueEquals(0, '')).toBe(false);
  });
});

describe('fieldsUsedByFilters', () => {
  it('lists the unified fields a filter needs to be selected', () => {
    expect(fieldsUsedByFilters({ legalEntityIds: ['le-1'], employmentTypes: ['FULL_TIME'], attributes: { gender: 'female', department: 'x' } }).sort()).toEqual(['employmentType', 'gender', 'legalEntity']);
    expect(fieldsUsedByFilters({ legalEntityIds: [] })).toEqual([]);
  });
});
