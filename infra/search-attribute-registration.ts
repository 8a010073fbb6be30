// With an external Temporal server (TEMPORAL_ADDRESS), make sure the custom search attributes exist,
// or say exactly which are missing.
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CUSTOM_SEARCH_ATTRIBUTES } from '../contracts/search-attributes';

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<{ added: string[] }> {
  const needed = CUSTOM_SEARCH_ATTRIBUTES.map((k) => k.name);
  let existing;
  try {
    existing = await connection.operatorService.listSearchAttributes({ namespace });
  } catch (err) {
    throw new Error(`Cannot read the search attributes of Temporal namespace "${namespace}" (${(err as Error).message}). The product needs these Keyword attributes there: ${needed.join(', ')}.`);
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
