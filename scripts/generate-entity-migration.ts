// Prints CREATE TABLE statements for every entity, derived from the zod schemas. Used to write a
// new migration when an entity changes; the store test checks migrations and schemas agree.
import { ENTITIES } from '../src/schemas/index.js';
import { createTableSql } from '../src/store/columns.js';

for (const entity of Object.values(ENTITIES)) process.stdout.write(`${createTableSql(entity)}\n\n`);
