import { isValidTimeZone, offeredTimeZones } from '../../domain/time-zone';

describe('time zones', () => {
  it("offers today's names of renamed zones (Europe/Kyiv, Asia/Kolkata) next to the runtime's list, each once", () => {
    const zones = offeredTimeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toEqual(expect.arrayContaining(['Europe/Berlin', 'Europe/Kyiv', 'Asia/Kolkata']));
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.every(isValidTimeZone)).toBe(true);
  });

  it('refuses what is not a time zone', () => {
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
