// Discovers the directory extensions (extension_<appId>_<name>) registered for users in the tenant,
// via POST /directoryObjects/getAvailableExtensionProperties (needs Directory.Read.All).
import type { DirectoryExtension } from './attributes';
import type { GraphClient } from './graph-client';

/** Directory extension property names; anything else is not put into a $select. */
const EXTENSION_NAME = /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/i;

export interface ExtensionDiscovery {
  extensions: DirectoryExtension[];
  /** False when the app lacks Directory.Read.All: only standard and extensionAttribute1..15 are read. */
  permitted: boolean;
}

export async function discoverUserExtensions(graph: GraphClient): Promise<ExtensionDiscovery> {
  const res = await graph.sendAllowingForbidden({
    method: 'POST',
    url: `${graph.graphBase}/v1.0/directoryObjects/getAvailableExtensionProperties`,
    json: {},
    permission: 'Directory.Read.All',
  });
  // Directory extensions are optional: without the permission the listing still works.
  if (res.status === 403) return { extensions: [], permitted: false };
  const value = (res.body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) {
    throw graph.api.unexpected('the extension discovery', res.status);
  }
  const extensions = value.flatMap((item): DirectoryExtension[] => {
    const ext = item as { name?: unknown; dataType?: unknown; isMultiValued?: unknown; appDisplayName?: unknown; targetObjects?: unknown };
    if (typeof ext.name !== 'string' || !EXTENSION_NAME.test(ext.name)) return [];
    if (!Array.isArray(ext.targetObjects) || !ext.targetObjects.includes('User')) return [];
    return [
      {
        name: ext.name,
        dataType: typeof ext.dataType === 'string' ? ext.dataType : 'String',
        isMultiValued: ext.isMultiValued === true,
        appDisplayName: typeof ext.appDisplayName === 'string' ? ext.appDisplayName : null,
      },
    ];
  });
  return { extensions, permitted: true };
}
