// BambooHR's change listing, read in two steps: GET /api/v1/employees/changed names who changed
// since a time (one answer, no pages), then the custom report reads those people's data the way
// the complete listing does (filters.employeeIds). The product pages through the ids itself.

/** Employees read per page of a change listing (one custom report each). */
export const CHANGED_PAGE_SIZE = 100;

/** One entry of the changed-employees answer. */
interface ChangedEntry {
  id?: unknown;
  action?: unknown;
}

/**
 * The ids to read from the changed-employees answer, in id order, or null when the answer is not
 * of that shape. "Deleted" entries are left out: a deleted employee cannot be read, and removals are
 * believed only from complete listings.
 */
export function changedEmployeeIds(body: unknown): string[] | null {
  const employees = (body as { employees?: unknown } | null)?.employees;
  // An empty map may be serialised as [] (not seen; read defensively).
  if (Array.isArray(employees) && employees.length === 0) return [];
  if (typeof employees !== 'object' || employees === null || Array.isArray(employees)) return null;
  const ids: string[] = [];
  for (const [key, entry] of Object.entries(employees as Record<string, ChangedEntry>)) {
    if (entry?.action === 'Deleted') continue;
    const id = String(entry?.id ?? key);
    // The report filter takes integer ids; anything else cannot be asked for.
    if (/^\d+$/.test(id)) ids.push(id);
  }
  return ids.sort(byNumericId);
}

/** The ids of one page: those after `cursor` (the last id served), at most `size`. */
export function changedIdsPage(ids: readonly string[], cursor: string | null, size = CHANGED_PAGE_SIZE): { ids: string[]; nextCursor: string | null } {
  // Ids changed after the listing began and sorting before the cursor are read by the next change
  // listing, which starts before this one began.
  const rest = cursor === null ? ids : ids.filter((id) => byNumericId(id, cursor) > 0);
  const page = rest.slice(0, size);
  return { ids: page, nextCursor: rest.length > size ? page[page.length - 1] : null };
}

/** `since` as BambooHR's ISO 8601 parameter, cut to the second below (never later than asked). */
export function bambooSince(since: Date): string {
  return `${since.toISOString().slice(0, 19)}Z`;
}

function byNumericId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
