/** Every element's visible and announced text is a table of strings with `{placeholder}`s, overridable for i18n. */

/** `template` with each `{name}` replaced by `values[name]` (unknown placeholders stay as they are). */
export function fillString(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);
}

/** The string `key` of an element: the page's override, else the default, with its placeholders filled. */
export function stringOf<S extends object>(
  overrides: Partial<S> | undefined,
  defaults: S,
  key: keyof S,
  values?: Record<string, string>,
): string {
  return fillString(String(overrides?.[key] ?? defaults[key]), values);
}
