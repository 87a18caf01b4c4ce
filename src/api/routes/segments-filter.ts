// The `?segment` filter: segment names are the quadrants of the latest `cxlens score compute`.
// Until it has run there are no segments, and asking for one answers NOT_COMPUTED.
import { InputError } from '../../lib/errors.js';
import type { Store } from '../../store/index.js';
import { hasRows, notComputed } from './read-query.js';

export async function segmentNames(store: Store): Promise<string[]> {
  if (!(await hasRows(store, 'person_scores'))) return [];
  const rows = await store.all<{ quadrant: string }>(
    'SELECT DISTINCT quadrant FROM person_scores ORDER BY 1',
  );
  return rows.map((r) => r.quadrant);
}

export async function requireSegment(store: Store, segment: string): Promise<void> {
  const names = await segmentNames(store);
  if (names.length === 0)
    throw notComputed('Segments (experience × engagement quadrants)', 'cxlens score compute');
  if (!names.includes(segment)) {
    throw new InputError(
      'INPUT_UNKNOWN_SEGMENT',
      `segment "${segment}": no such segment (expected one of ${names.join(', ')})`,
      {
        where: { field: 'segment' },
      },
    );
  }
}
