// Layers import only downwards (DESIGN.md data flow): sources → ingest → store ← identity |
// metrics | models | text ← pipeline ← api | cli. web talks to the API over HTTP only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ANALYTICS = [
  'lib',
  'schemas',
  'store',
  'sources',
  'ingest',
  'identity',
  'metrics',
  'models',
  'text',
];

const ALLOWED: Record<string, string[]> = {
  lib: [],
  schemas: ['lib'],
  store: ['lib', 'schemas'],
  sources: ['lib', 'schemas'],
  models: ['lib'],
  text: ['lib'],
  demo: ['lib', 'schemas'],
  ingest: ['lib', 'schemas', 'sources', 'store'],
  identity: ['lib', 'schemas', 'store'],
  metrics: ['lib', 'schemas', 'store', 'identity', 'models', 'text'],
  pipeline: [...ANALYTICS, 'demo'],
  api: [...ANALYTICS, 'pipeline'],
  cli: [...ANALYTICS, 'demo', 'pipeline', 'api'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  it('every layer imports only the layers below it', () => {
    const violations: string[] = [];
    for (const file of files('src')) {
      const layer = relative('src', file).split(sep)[0] ?? '';
      const allowed = ALLOWED[layer];
      expect(allowed, `unknown layer ${layer}`).toBeDefined();
      for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = relative('src', normalize(join(file, '..', m[1] ?? ''))).split(sep)[0] ?? '';
        if (target !== layer && !allowed?.includes(target))
          violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('the dashboard never imports server code at run time', () => {
    const bad = files('web/src').flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^import (?!type )[^;]*from '(\.\.\/)+src\//gm)].map(
        () => f,
      ),
    );
    expect(bad).toEqual([]);
  });
});
