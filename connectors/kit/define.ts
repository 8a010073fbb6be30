// One definition per HR system: the catalog entry (id, display name, credentials, supported fields,
// secrets) and how to connect. The display name is written here once; the connector gets it through
// `hrSystemName` (for its HrApi and messages), so no second name constant exists.
import type { ConnectorContext, HrConnector, HrSystemDefinition } from '../types';

export interface ConnectorKitContext {
  hrSystemName: string;
  context: ConnectorContext;
}

export type HrSystemSpec<Id extends string, Credentials extends Record<string, unknown>> = Omit<HrSystemDefinition<Credentials, Id>, 'status' | 'create'> & {
  connect(credentials: Credentials, kit: ConnectorKitContext): HrConnector;
};

export function defineHrSystem<const Id extends string, Credentials extends Record<string, unknown>>(
  spec: HrSystemSpec<Id, Credentials>,
): HrSystemDefinition<Credentials, Id> & { status: 'available' } {
  const { connect, ...entry } = spec;
  return { ...entry, status: 'available', create: (credentials, context = {}) => connect(credentials, { hrSystemName: spec.name, context }) };
}
