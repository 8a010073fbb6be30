// The catalog: one line per HR system with a connector; the rest are listed as planned.
import { asCatalogEntry, type HrSystemDefinition } from './types';
import { plannedHrSystems } from './planned';
import { personio } from './personio/definition';
import { sandbox } from './sandbox/definition';
import { bambooHr } from './bamboohr/definition';
import { hiBob } from './hibob/definition';
import { factorial } from './factorial/definition';
import { entraIdDefinition } from './entra-id/definition';
import { googleWorkspaceDefinition } from './google-workspace/definition';

// Connectors with a module of their own (one folder each under connectors/): one line each.
const available: HrSystemDefinition[] = [
  personio,
  sandbox,
  bambooHr,
  hiBob,
  factorial,
  entraIdDefinition,
  googleWorkspaceDefinition,
].map(asCatalogEntry);

const availableIds = new Set(available.map((s) => s.id));

/** Every HR system in the catalog, available ones first, then planned ones, by name. */
export const hrSystems: readonly HrSystemDefinition[] = [
  ...available.sort((a, b) => a.name.localeCompare(b.name)),
  ...plannedHrSystems.filter((p) => !availableIds.has(p.id)).sort((a, b) => a.name.localeCompare(b.name)),
];

export function findHrSystem(id: string): HrSystemDefinition | undefined {
  return hrSystems.find((s) => s.id === id);
}
