/**
 * A web copy of a server value list (the server's own list sits in a file the browser cannot
 * import), checked by tsc both ways: every entry is a server value, and every server value is
 * listed, so a value added or dropped on the server fails the typecheck here rather than a page.
 * `everyServerValue<ServerType>()(['a', 'b'])` keeps the web's order and literal types.
 */
export const everyServerValue =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;
