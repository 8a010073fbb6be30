// With an external Temporal server (TEMPORAL_ADDRESS), make sure the custom search attributes exist,
// or say exactly which are missing and how to add them. A self-hosted cluster answers the operator
// service (list, then add what is missing); Temporal Cloud does not offer it to a namespace's
// certificate or API key (its search attributes are managed with tcld or the Cloud UI), so there
// each attribute is probed with a visibility query, which names an unknown attribute as invalid.
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';

// gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html).
const grpcStatus = { INVALID_ARGUMENT: 3, PERMISSION_DENIED: 7, UNIMPLEMENTED: 12, UNAUTHENTICATED: 16 } as const;

const OPERATOR_SERVICE_REFUSED = new Set<number>([grpcStatus.PERMISSION_DENIED, grpcStatus.UNIMPLEMENTED, grpcStatus.UNAUTHENTICATED]);

const grpcCode = (err: unknown): number | undefined => (err as { code?: unknown }).code as number | undefined;

/** Which of the names the namespace does not know, asked through visibility queries (works on Temporal Cloud). */
async function probeMissing(connection: Connection, namespace: string, names: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    try {
      await connection.workflowService.countWorkflowExecutions({ namespace, query: `${name} = "search-attribute-probe"` });
    } catch (err) {
      if (grpcCode(err) !== grpcStatus.INVALID_ARGUMENT) throw err;
      missing.push(name);
    }
  }
  return missing;
}

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<{ added: string[] }> {
  const needed = CUSTOM_SEARCH_ATTRIBUTES.map((k) => k.name);
  let existing;
  try {
    existing = await connection.operatorService.listSearchAttributes({ namespace });
  } catch (err) {
    if (!OPERATOR_SERVICE_REFUSED.has(grpcCode(err) ?? -1)) {
      throw new Error(`Cannot read the search attributes of Temporal namespace "${namespace}" (${(err as Error).message}). The product needs these Keyword attributes there: ${needed.join(', ')}.`);
    }
    const missing = await probeMissing(connection, namespace, needed).catch((probeErr: Error) => {
      throw new Error(`Cannot check the search attributes of Temporal namespace "${namespace}" (${probeErr.message}). The product needs these Keyword attributes there: ${needed.join(', ')}.`);
    });
    if (missing.length === 0) return { added: [] };
    throw new Error(
      `The Temporal namespace "${namespace}" lacks the search attributes ${missing.join(', ')}, and this connection may not add them (${(err as Error).message}). ` +
        `On Temporal Cloud add them as Keyword, e.g. tcld namespace search-attributes add --namespace ${namespace} ${missing.map((m) => `--search-attribute "${m}=Keyword"`).join(' ')}`,
    );
  }
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = CUSTOM_SEARCH_ATTRIBUTES.filter((k) => !known.has(k.name)).map((k) => k.name);
  if (missing.length === 0) return { added: [] };
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((name) => [name, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD])),
    });
    return { added: missing };
  } catch (err) {
    throw new Error(
      `The Temporal namespace "${namespace}" lacks the search attributes ${missing.join(', ')} and they could not be added (${(err as Error).message}). ` +
        `Add them as Keyword, e.g. temporal operator search-attribute create --namespace ${namespace} ${missing.map((m) => `--name ${m} --type Keyword`).join(' ')}`,
    );
  }
}
