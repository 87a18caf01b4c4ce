import { describe, expect, it } from 'vitest';
import { InputError } from '../lib/errors.js';
import { checkDateFormat } from './casts.js';

describe('checkDateFormat', () => {
  it('accepts strptime formats DuckDB knows', async () => {
    for (const f of ['%d/%m/%Y', '%Y-%m-%d %H:%M:%S', '%-d.%-m.%Y', '100%% %Y'])
      await expect(checkDateFormat(f)).resolves.toBeUndefined();
  });

  it('refuses an unknown directive, a trailing %, or no directive at all, as INPUT_BAD_OPTION', async () => {
    for (const f of ['%Q', '%d/%m/%', 'dd/mm/yyyy', '', '%%']) {
      const check = checkDateFormat(f);
      await expect(check, f).rejects.toBeInstanceOf(InputError);
      await expect(check, f).rejects.toMatchObject({
        code: 'INPUT_BAD_OPTION',
        message: `--date-format "${f}": not a strptime format (e.g. %d/%m/%Y)`,
        where: { field: 'date-format' },
      });
    }
  });
});
