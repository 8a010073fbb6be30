// The catalog: one line per HR system with a connector (its folder's definition); the rest of the
// catalog is listed as planned (planned.ts). The compiler checks that each line's key is its
// definition's id and that the definition has every part (kit/define.ts).
import { asCatalogEntry, type HrSystemDefinition } from './types';
import { plannedHrSystems, type PlannedHrSystemId } from './planned';
import { personio } from './personio/definition';
import { sandbox } from './sandbox/definition';
import { bambooHr } from './bamboohr/definition';
import { hiBob } from './hibob/definition';
import { factorial } from './factorial/definition';
import { entraIdDefinition } from './entra-id/definition';
import { googleWorkspaceDefinition } from './google-workspace/definition';
import { humaans } from './humaans/definition';
import { lucca } from './lucca/definition';
import { officient } from './officient/definition';
import { okta } from './okta/definition';
import { sageHr } from './sage-hr/definition';
import { remote } from './remote/definition';
import { deel } from './deel/definition';
import { workday } from './workday/definition';
import { payFit } from './payfit/definition';
import { rippling } from './rippling/definition';
import { afas } from './afas/definition';
import { nmbrs } from './nmbrs/definition';
import { alexisHr } from './alexishr/definition';
import { sapSuccessFactors } from './sap-successfactors/definition';
import { hrWorks } from './hr-works/definition';
import { planday } from './planday/definition';
import { hrFileExport, mirus, perbilityHelix } from './hr-file-export/definition';
import { irisCascade } from './iris-cascade/definition';
import { vismaRaet } from './visma-raet/definition';
import { peopleHr } from './peoplehr/definition';
import { sesameHr } from './sesame-hr/definition';
import { haileyHr } from './hailey-hr/definition';
import { charlie } from './charlie/definition';
import { boondManager } from './boondmanager/definition';
import { simployer } from './simployer/definition';
import { catalystOne } from './catalystone/definition';
import { heavenHr } from './heavenhr/definition';
import { eurecia } from './eurecia/definition';
import { kenjo } from './kenjo/definition';
import { breatheHr } from './breathe-hr/definition';
import { cezanneHr } from './cezanne-hr/definition';
import { kallidusSapling } from './kallidus-sapling/definition';

/** A connector module: a complete definition whose id is its registry key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ConnectorModule<Id extends string> = HrSystemDefinition<any, Id> & { status: 'available' };

/** Checks each entry: the key is the definition's id, and the definition is complete. */
function connectorModules<const T extends { [Id in keyof T & string]: ConnectorModule<Id> }>(modules: T): T {
  return modules;
}

const connectors = connectorModules({
  personio,
  sandbox,
  bamboohr: bambooHr,
  hibob: hiBob,
  factorial,
  'entra-id': entraIdDefinition,
  'google-workspace': googleWorkspaceDefinition,
  humaans,
  lucca,
  okta,
  officient,
  'sage-hr': sageHr,
  remote,
  deel,
  workday,
  payfit: payFit,
  rippling,
  afas,
  nmbrs,
  alexishr: alexisHr,
  'sap-successfactors': sapSuccessFactors,
  'hr-works': hrWorks,
  planday,
  'hr-file-export': hrFileExport,
  'perbility-helix': perbilityHelix,
  mirus,
  'iris-cascade': irisCascade,
  'visma-raet': vismaRaet,
  peoplehr: peopleHr,
  'sesame-hr': sesameHr,
  'hailey-hr': haileyHr,
  charlie,
  boondmanager: boondManager,
  simployer,
  catalystone: catalystOne,
  heavenhr: heavenHr,
  eurecia,
  kenjo,
  'breathe-hr': breatheHr,
  'cezanne-hr': cezanneHr,
  'kallidus-sapling': kallidusSapling,
});

export type AvailableHrSystemId = keyof typeof connectors;
export type HrSystemId = AvailableHrSystemId | PlannedHrSystemId;

const available: HrSystemDefinition[] = Object.values(connectors).map(asCatalogEntry);
const availableIds = new Set<string>(available.map((s) => s.id));

/** Every HR system in the catalog, available ones first, then planned ones, by name. */
export const hrSystems: readonly HrSystemDefinition[] = [
  ...available.sort((a, b) => a.name.localeCompare(b.name)),
  ...plannedHrSystems.filter((p) => !availableIds.has(p.id)).sort((a, b) => a.name.localeCompare(b.name)),
];

/** The whole catalog by id (a planned id that gets a connector is listed once, as available). */
export const catalogById = Object.fromEntries(hrSystems.map((s) => [s.id, s])) as Readonly<Record<HrSystemId, HrSystemDefinition>>;

export function findHrSystem(id: string): HrSystemDefinition | undefined {
  return hrSystems.find((s) => s.id === id);
}

export function isHrSystemId(id: string): id is HrSystemId {
  return findHrSystem(id) !== undefined;
}
