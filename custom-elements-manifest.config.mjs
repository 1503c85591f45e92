/** custom-elements.json is generated from the JSDoc of src/ (`npm run analyze`) and committed; `npm test` fails when it is stale. */
export default {
  // Elements only: the manifest describes the custom elements for IDEs, docs and wrapper generators, not the core.
  globs: ['src/elements/**/*.ts', 'src/define/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
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
