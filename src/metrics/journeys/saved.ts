// Saved funnels: the checked-in config/funnels.json (validated with FunnelConfig) plus the ones
// users save in the store's `funnels` table. A saved funnel of the same name overrides the config.
import { fileURLToPath } from 'node:url';
import { parseConfig, readConfigFile } from '../../lib/config-file.js';
import { NotFoundError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { FunnelConfig, FunnelDefinition } from './schemas.js';

export const DEFAULT_FUNNELS_PATH = fileURLToPath(
  new URL('../../../config/funnels.json', import.meta.url),
);

/** Reads and validates a funnels config file; a bad value names its JSON path. */
export function loadFunnelConfig(path = DEFAULT_FUNNELS_PATH): FunnelDefinition[] {
  return parseConfig(FunnelConfig, readConfigFile(path, 'funnels'), path).funnels;
}

/** Every funnel: the config's, then the saved ones (which win on a name clash). */
export async function listFunnels(store: Store, configPath?: string): Promise<FunnelDefinition[]> {
  const byName = new Map(loadFunnelConfig(configPath).map((f) => [f.name, f]));
  const rows = await store.all<{ definition: string }>(
    'SELECT definition FROM funnels ORDER BY name',
  );
  for (const r of rows) {
    const f = FunnelDefinition.parse(JSON.parse(r.definition));
    byName.set(f.name, f);
  }
  return [...byName.values()];
}

export async function getFunnel(
  store: Store,
  name: string,
  configPath?: string,
): Promise<FunnelDefinition> {
  const all = await listFunnels(store, configPath);
  const f = all.find((x) => x.name === name);
  if (!f) {
    throw new NotFoundError(
      'NOT_FOUND_FUNNEL',
      `funnel "${name}": no such funnel (saved: ${all.map((x) => x.name).join(', ') || 'none'})`,
    );
  }
  return f;
}

/** Saves (or replaces) a funnel definition in the store. */
export async function saveFunnel(store: Store, input: FunnelDefinition): Promise<FunnelDefinition> {
  const f = FunnelDefinition.parse(input);
  await store.run(
    `INSERT INTO funnels (name, definition, created_at, updated_at) VALUES (?, ?, now(), now())
     ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = now()`,
    [f.name, JSON.stringify(f)],
  );
  return f;
}
