import type { Express } from 'express';

export interface RouteEntry {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  rawPath?: string;
  handle?: { stack?: Layer[] };
}

/**
 * Every route the app serves, as method and full path (`/v1/conversations/:conversationId`),
 * read from Express's own router stack, so a test over "every endpoint" cannot miss one added
 * later.
 */
export function listRoutes(app: Express): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          if (method === '_all') continue;
          routes.push({ method: method as RouteEntry['method'], path: prefix + layer.route.path });
        }
      } else if (layer.handle?.stack) {
        const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  const seen = new Set<string>();
  return routes.filter((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
