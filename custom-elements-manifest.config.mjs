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
      // The elements and the modules that define their tags; the shared helpers the analyzer reads to resolve
      // inheritance are not public API (members inherited from them stay listed on each element).
      name: 'elements-only',
      packageLinkPhase({ customElementsManifest }) {
        const elements = [];
        customElementsManifest.modules = customElementsManifest.modules.filter((module) => {
          module.declarations = (module.declarations ?? []).filter((declaration) => declaration.tagName);
          // Private members (`#field`, `private`) are no one's API: tools would only show their source as noise.
          for (const declaration of module.declarations)
            declaration.members = declaration.members?.filter(
              (member) => member.privacy !== 'private' && !member.name.startsWith('#'),
            );
          const names = new Set(module.declarations.map((declaration) => declaration.name));
          module.exports = (module.exports ?? []).filter((entry) => entry.kind === 'js' && names.has(entry.name));
          for (const declaration of module.declarations) elements.push({ declaration, path: module.path });
          return module.declarations.length > 0 || /^src\/define\/rtc-/.test(module.path);
        });
        // Each src/define/<tag>.ts defines one tag with `<Class>.define('<tag>')`, which the analyzer does not recognise.
        for (const module of customElementsManifest.modules) {
          const { declaration, path } =
            elements.find(({ declaration }) => module.path === `src/define/${declaration.tagName}.ts`) ?? {};
          if (!declaration) continue;
          module.exports = [
            {
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: { name: declaration.name, module: path },
            },
          ];
        }
      },
    },
    {
      // The analyzer reads files in no fixed order; a stable order keeps the committed file comparable.
      name: 'stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
    {
      // The analyzer also lists every `dispatchEvent(new RtcEvent(type, …))` it sees, which in the base class's typed
      // `emit` helper is an event named after the variable `type`. The events are the documented `@fires` (each has a
      // description); test/node/manifest.test.ts checks them against what the elements really dispatch.
      name: 'documented-events-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.events) continue;
            declaration.events = declaration.events.filter((event) => event.description);
            if (declaration.events.length === 0) delete declaration.events;
          }
        }
      },
    },
  ],
};
