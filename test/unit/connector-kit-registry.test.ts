import { z } from 'zod';
import { defineHrSystem } from '../../connectors/kit';
import { personio } from '../../connectors/personio/definition';
import { plannedHrSystems, type PlannedHrSystemId } from '../../connectors/planned';
import { catalogById, findHrSystem, hrSystems, isHrSystemId, type AvailableHrSystemId, type ConnectorModule, type HrSystemId } from '../../connectors/registry';
import type { HrConnector } from '../../connectors/types';

describe('connector kit: definitions and the registry', () => {
  it('lists the available systems first, by name, then the planned ones, by name, each id once', () => {
    const available = hrSystems.filter((s) => s.status === 'available');
    const names = available.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Personio', 'Sandbox HR system', 'BambooHR']));
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(hrSystems.slice(0, available.length).every((s) => s.status === 'available')).toBe(true);
    const planned = hrSystems.slice(available.length).map((s) => s.name);
    expect(planned).toEqual([...planned].sort((a, b) => a.localeCompare(b)));
    // A planned id that got a connector is listed once, as available.
    const plannedWithConnector = plannedHrSystems.filter((p) => available.some((a) => a.id === p.id)).length;
    expect(hrSystems).toHaveLength(available.length + plannedHrSystems.length - plannedWithConnector);
    expect(new Set(hrSystems.map((s) => s.id)).size).toBe(hrSystems.length);
  });

  it('finds systems by id, typed over the id union', () => {
    expect(findHrSystem('personio')).toBe(personio);
    expect(findHrSystem('workday')?.status).toBe('available');
    // Every system of the catalog has its connector now (issue 13): nothing is left planned.
    expect(hrSystems.filter((s) => s.status === 'planned').map((s) => s.id)).toEqual([]);
    expect(findHrSystem('nope')).toBeUndefined();
    expect(isHrSystemId('sap-successfactors')).toBe(true);
    const id: HrSystemId = 'google-workspace';
    expect(catalogById[id].name).toBe('Google Workspace');
    const available: AvailableHrSystemId = 'sandbox';
    // An id of the planned list that got a connector is in the catalog once, as available.
    const once: PlannedHrSystemId = 'kenjo';
    expect(catalogById[available].status).toBe('available');
    expect(catalogById[once].status).toBe('available');
  });

  it('derives the catalog entry and the name the connector uses from the one definition', async () => {
    let seenName = '';
    const demo = defineHrSystem({
      id: 'demo-hr',
      name: 'Demo HR',
      credentialsSchema: z.object({ apiKey: z.string() }),
      supportedFields: ['firstName'],
      secretKeys: ['apiKey'],
      notes: { verified: ['Lists everyone.'], unverified: [] },
      connect(_credentials, { hrSystemName }) {
        seenName = hrSystemName;
        return {} as HrConnector;
      },
    });
    demo.create({ apiKey: 'k' });
    expect(seenName).toBe('Demo HR');
    expect(demo.status).toBe('available');
    // The compiler refuses a registry line whose key is not the definition's id, or a part missing.
    // @ts-expect-error key and id differ
    const wrongKey: { sandbox: ConnectorModule<'sandbox'> } = { sandbox: personio };
    // @ts-expect-error no secretKeys
    defineHrSystem({ id: 'x', name: 'X', credentialsSchema: z.object({}), supportedFields: [], connect: () => ({}) as HrConnector });
    expect(wrongKey).toBeDefined();
  });
});
