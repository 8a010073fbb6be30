// IANA time-zone check without a library.
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Current IANA names that this runtime's ICU may know only under their older alias (Node 20 lists
 * Europe/Kiev, not Europe/Kyiv): offered next to the listed ones so a company in Kyiv or Kolkata
 * can use today's name.
 */
const RENAMED_ZONES = [
  'Europe/Kyiv',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Asia/Ho_Chi_Minh',
  'America/Nuuk',
  'Pacific/Kanton',
  'Atlantic/Faroe',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'Asia/Dhaka',
  'Asia/Thimphu',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'Etc/UTC',
];

/** Every time-zone name the API offers: UTC first, then the runtime's IANA zones and the renamed ones it also accepts. */
export function offeredTimeZones(): [string, ...string[]] {
  const names = new Set(['UTC', ...Intl.supportedValuesOf('timeZone'), ...RENAMED_ZONES].filter(isValidTimeZone));
  return [...names] as [string, ...string[]];
}
