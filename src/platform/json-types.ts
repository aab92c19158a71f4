/**
 * What a server value looks like once it has crossed HTTP as JSON: dates are ISO strings. The web
 * app types its answers as `Jsonified<…>` of the server's own return types, so the two cannot drift
 * (typecheck covers both).
 */
export type Jsonified<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;
