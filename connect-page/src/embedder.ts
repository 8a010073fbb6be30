// Telling the portal that opened or framed the page what happened. Only the company's allowed
// embedding origins hear it: the server writes them into the page (a meta element, no inline
// script), and each message is addressed to one of them, never to '*'. The browser delivers it
// only where the receiving window's origin is the one addressed.
export type EmbedderMessage = { type: 'hr-connect.activated' | 'hr-connect.disconnected'; integrationId: string };

export function allowedEmbedOrigins(doc: Document = document): string[] {
  const content = doc.querySelector('meta[name="hr-connect-embed-origins"]')?.getAttribute('content');
  if (!content) return [];
  try {
    const parsed: unknown = JSON.parse(content);
    return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string' && o !== '*' && /^https?:\/\//.test(o)) : [];
  } catch {
    return [];
  }
}

export function tellEmbedder(message: EmbedderMessage, origins: readonly string[] = allowedEmbedOrigins()): void {
  const targets = [window.opener as Window | null, window.parent !== window ? window.parent : null].filter((w): w is Window => w !== null && w !== undefined);
  for (const target of targets) {
    for (const origin of origins) {
      try {
        target.postMessage(message, origin);
      } catch {
        // A closed opener, or an origin string the browser refuses: nobody to tell there.
      }
    }
  }
}
