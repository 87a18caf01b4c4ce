// Per test: a fresh in-memory store and a temporary folder for the files it imports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Store } from '../store/index.js';

export interface ImportFixture {
  readonly store: Store;
  readonly dir: string;
  /** Writes a file into the test's folder and returns its path. */
  file(name: string, content: string | Buffer): string;
}

/** Registers the hooks that give each test of the file its store and folder. */
export function importFixture(prefix: string): ImportFixture {
  let dir = '';
  let store: Store | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    store = await Store.open(':memory:');
  });
  afterEach(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get store() {
      if (!store) throw new Error('importFixture: no store outside a test');
      return store;
    },
    get dir() {
      return dir;
    },
    file(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
  };
}
