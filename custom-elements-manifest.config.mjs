/** custom-elements.json is generated from the JSDoc of src/ (`npm run analyze`) and committed; `npm test` fails when it is stale. */
export default {
  globs: ['src/**/*.ts'],
  // src/version.ts is generated from package.json: listing it would make every version bump a manifest change.
  exclude: ['src/**/*.test.ts', 'src/version.ts'],
  litelement: true,
  // package.json already points at custom-elements.json; the analyzer must never rewrite it.
  packagejson: false,
  plugins: [
    {
      // The analyzer reads files in no fixed order; a stable order keeps the committed file comparable.
      name: 'stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
