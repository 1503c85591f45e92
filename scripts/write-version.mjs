/**
 * Writes src/version.ts from package.json, so that bumping package.json is the only edit a release needs. The file is
 * generated (and gitignored): `npm install` (prepare), `npm version`, `npm run build` and `npm run typecheck` write it
 * before anything reads it. It is rewritten only when the version changed, so watchers and tsc see no churn.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const packageJson = new URL('../package.json', import.meta.url);
const target = new URL('../src/version.ts', import.meta.url);

const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
if (typeof version !== 'string' || !/^[0-9A-Za-z.+-]+$/.test(version)) {
  throw new Error(`package.json has no usable version: ${JSON.stringify(version)}`);
}
const source = `// Generated from package.json by scripts/write-version.mjs; not committed, do not edit.

/** The kit's version (package.json's), as built. */
export const VERSION = '${version}';
`;

let current;
try {
  current = readFileSync(target, 'utf8');
} catch {
  current = undefined;
}
if (current !== source) writeFileSync(target, source);
