// Request routing for vendor fakes: a table of method + path → handler, one guard (auth) before it,
// and the vendor's own answers for an unknown path and for a known path asked with another method.
import type { FakeRequest, FakeResponse } from '../../fake-http-server';

export type FakeAnswer = FakeResponse | Promise<FakeResponse>;
export type FakeHandler = (req: FakeRequest) => FakeAnswer;
/** A refusal (e.g. a failed auth check) or undefined to let the request through. */
export type Guard = (req: FakeRequest) => FakeResponse | undefined;
/** Method ('*': any), exact path or pattern (its captures, as written, follow the request), handler. */
export type Route = [method: string, path: string | RegExp, handler: (req: FakeRequest, ...captures: string[]) => FakeAnswer];

export interface RouterOptions {
  /** The vendor's answer for a path no route knows (`path` as matched). */
  notFound(req: FakeRequest, path: string): FakeResponse;
  /** The answer for a known path asked with another method (default: notFound). */
  methodNotAllowed?(req: FakeRequest, path: string): FakeResponse;
  /** Checked before any route. */
  guard?: Guard;
  /** Match the path without its trailing slashes. */
  trimSlash?: boolean;
}

/** The first route whose path and method match answers; later routes may share a path. */
export function router(routes: Route[], options: RouterOptions): FakeHandler {
  return (req) => {
    const refused = options.guard?.(req);
    if (refused) return refused;
    const path = options.trimSlash ? req.url.pathname.replace(/\/+$/, '') : req.url.pathname;
    let known = false;
    for (const [method, pattern, handler] of routes) {
      const match = typeof pattern === 'string' ? (pattern === path ? [path] : null) : pattern.exec(path);
      if (!match) continue;
      if (method === '*' || method === req.method) return handler(req, ...match.slice(1));
      known = true;
    }
    return (known && options.methodNotAllowed ? options.methodNotAllowed : options.notFound)(req, path);
  };
}
