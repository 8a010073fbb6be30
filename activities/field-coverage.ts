// Silent partial data: HR systems omit fields the credential may not read, with a 200 answer. A
// selected field that stays empty for every synced employee becomes a warning the admin can act on.
import { EMPLOYEE_FIELDS, type EmployeeFieldKey } from '../domain/employee-fields';
import type { SyncedEmployee } from '../domain/employee-mapping';

// Legitimately empty for everyone in many companies.
const MAY_BE_EMPTY_FOR_ALL: ReadonlySet<EmployeeFieldKey> = new Set(['leavingDate']);

export class FieldCoverage {
  private readonly unseen: Set<EmployeeFieldKey>;
  private employees = 0;
  /** Inactive/terminated in the HR system but without a leaving date: the date may be unreadable. */
  private leaversWithoutDate = 0;
  private leavingDateSeen = false;

  constructor(selectedFields: readonly EmployeeFieldKey[]) {
    this.unseen = new Set(selectedFields.filter((f) => !MAY_BE_EMPTY_FOR_ALL.has(f)));
  }

  add(employee: SyncedEmployee): void {
    this.employees++;
    if (employee.leavingDate) this.leavingDateSeen = true;
    else if (employee.hrStatus === 'inactive' || employee.hrStatus === 'terminated') this.leaversWithoutDate++;
    for (const field of this.unseen) {
      const value = employee[field];
      if (value !== null && value !== undefined && value !== '') this.unseen.delete(field);
    }
  }

  warnings(hrSystemName: string): string[] {
    if (this.employees === 0) return [];
    const warnings: string[] = [];
    if (!this.leavingDateSeen && this.leaversWithoutDate > 0) {
      warnings.push(
        `${this.leaversWithoutDate} employees are inactive or terminated in ${hrSystemName} but none has a leaving date, so nobody's departure can be planned. The credential may not be allowed to read termination dates.`,
      );
    }
    return warnings.concat([...this.unseen].map((field) => {
      const label = EMPLOYEE_FIELDS.find((f) => f.key === field)?.description.split(/[,;(]/)[0]?.trim() ?? field;
      return `The field "${field}" (${label}) was empty for all ${this.employees} synced employees. ${hrSystemName} may not let this credential read it: check the API user's permissions or the field mapping.`;
    }));
  }
}
