// HR systems in the catalog that have no connector yet: listed so admins see what is coming.
import { z } from 'zod';
import type { HrSystemDefinition } from './types';

const PLANNED = {
  workday: 'Workday',
  'sap-successfactors': 'SAP SuccessFactors',
  afas: 'AFAS Software',
  payfit: 'PayFit',
  kenjo: 'Kenjo',
  heavenhr: 'HeavenHR',
  'cezanne-hr': 'Cezanne HR',
  nmbrs: 'Nmbrs',
  deel: 'Deel',
  remote: 'Remote',
  'iris-cascade': 'IRIS Cascade',
  okta: 'Okta',
  'sage-hr': 'Sage HR',
  humaans: 'Humaans',
  eurecia: 'Eurécia',
  officient: 'Officient',
  charlie: 'Charlie',
  'sesame-hr': 'Sesame HR',
  'hr-works': 'HR Works',
  'breathe-hr': 'Breathe HR',
  catalystone: 'CatalystOne',
  mirus: 'Mirus',
  alexishr: 'AlexisHR',
  simployer: 'Simployer',
  rippling: 'Rippling',
  'kallidus-sapling': 'Kallidus (Sapling)',
  peoplehr: 'PeopleHR',
  lucca: 'Lucca',
  planday: 'Planday',
  boondmanager: 'BoondManager',
  'hailey-hr': 'Hailey HR',
  'perbility-helix': 'Perbility Helix',
  'visma-raet': 'Visma Raet (Youforce)',
} as const;

/** Ids of the catalog's planned systems; with the available ones they make HrSystemId (registry.ts). */
export type PlannedHrSystemId = keyof typeof PLANNED;

export function plannedHrSystem<Id extends string>(id: Id, name: string): HrSystemDefinition<Record<string, unknown>, Id> {
  return {
    id,
    name,
    status: 'planned',
    credentialsSchema: z.object({}).strict() as unknown as z.ZodType<Record<string, unknown>>,
    supportedFields: [],
    secretKeys: [],
    notes: { verified: [], unverified: [] },
    create() {
      throw new Error(`${name} has no connector yet`);
    },
  };
}

export const plannedHrSystems: HrSystemDefinition<Record<string, unknown>, PlannedHrSystemId>[] = (Object.entries(PLANNED) as [PlannedHrSystemId, string][]).map(([id, name]) =>
  plannedHrSystem(id, name),
);
