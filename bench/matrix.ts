/** `npm run matrix`: writes the permission matrix (src/domain/permission-matrix.ts) into README.md between its markers. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withMatrix } from '../src/domain/permission-matrix.js';

const path = fileURLToPath(new URL('../README.md', import.meta.url));
const before = readFileSync(path, 'utf8');
const after = withMatrix(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md: permission matrix already current' : 'README.md: permission matrix updated');
