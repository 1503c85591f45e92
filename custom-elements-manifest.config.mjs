/** custom-elements.json is generated from the JSDoc of src/ (`npm run analyze`) and committed; `npm test` fails when it is stale. */
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  litelement: true,
  // package.json already points at custom-elements.json; the analyzer must never rewrite it.
  packagejson: false,
};
