/**
 * Writes src/version.ts from package.json, and server/src/version.ts from server/package.json, so that bumping a
 * package.json is the only edit a release needs. The files are generated (and gitignored): `npm install` (prepare),
 * `npm version`, `npm run build` and `npm run typecheck` write them before anything reads them. Each is rewritten only
 * when its version changed, so watchers and tsc see no churn.
 */
import { readFileSync, writeFileSync } from 'node:fs';

writeVersion('../package.json', '../src/version.ts', "/** The kit's version (package.json's), as built. */", [
  ['VERSION', 'version'],
]);
writeVersion(
  '../server/package.json',
  '../server/src/version.ts',
  "/** The server's name and version (its package.json's), as built. */",
  [
    ['SERVER_NAME', 'name'],
    ['SERVER_VERSION', 'version'],
  ],
);

/** Writes `export const NAME = 'value';` for each [constant, package.json field]. */
function writeVersion(packagePath, targetPath, doc, constants) {
  const packageJson = JSON.parse(readFileSync(new URL(packagePath, import.meta.url), 'utf8'));
  const lines = constants.map(([constant, field]) => {
    const value = packageJson[field];
    if (typeof value !== 'string' || !/^[0-9A-Za-z.+@/-]+$/.test(value)) {
      throw new Error(`${packagePath} has no usable ${field}: ${JSON.stringify(value)}`);
    }
    return `export const ${constant} = '${value}';`;
  });
  const source = `// Generated from ${packagePath.slice(3)} by scripts/write-version.mjs; not committed, do not edit.

${doc}
${lines.join('\n')}
`;
  const target = new URL(targetPath, import.meta.url);
  let current;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== source) writeFileSync(target, source);
}
