/** Reading Block Kit JSON of unknown shape, shared by the renderer and the `state.values` builder. */

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null;

export const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A select's or radio group's options, including those inside `option_groups`. */
export function optionsOf(element: Obj): Obj[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObj) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups
        .filter(isObj)
        .flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObj) : []))
    : [];
  return [...direct, ...grouped];
}
