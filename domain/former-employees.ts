// Former staff at the first sync (DOMAIN.md): someone whose leaving date lies in a month that had
// already ended before the integration's first complete listing left before the benefits existed.
// They are not imported (no employee, no invite, no lifecycle); the run only counts them. Applies to
// people the product does not know yet; a known employee's late entry keeps the late-entry rule.
import { currentMonth } from './leaving-dates';
import { effectiveLeavingDate, type LeavingTransitionInput } from './leaving-transition';

/** What the rule reads of a listed person. */
export type ListedPerson = LeavingTransitionInput['incoming'];

/**
 * True when the person's leaving date in force lies in a month that had ended, in the company's time
 * zone, before `firstCompleteListingAt`. A rehire (a hire date after the old leaving date) has no
 * leaving date in force and is imported as usual; so is anyone whose date cannot be read (the sync
 * warns about those).
 */
export function isFormerEmployee(person: ListedPerson, firstCompleteListingAt: Date, timeZone: string): boolean {
  const leaving = effectiveLeavingDate(person);
  if (leaving === null) return false;
  return leaving.slice(0, 7) < currentMonth(firstCompleteListingAt, timeZone);
}
