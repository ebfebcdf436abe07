// Turns a table of named handlers `{ name: (state, payload) => state }` into a reducer plus typed
// action creators (marimo's createReducer). Handlers are pure: ids and times come in the payload.

/** Any handler table; the state and payload types are read back from each handler. */
export type HandlerTable = Record<string, (state: never, payload: never) => unknown>;

/** The payload type of one handler. */
type PayloadOf<H> = H extends (state: never, payload: infer P) => unknown ? P : never;

/** One action per handler: `{ type: 'createCell', payload: {...} }`. */
export type ActionOf<T extends HandlerTable> = {
  [K in keyof T & string]: { type: K; payload: PayloadOf<T[K]> };
}[keyof T & string];

/** Action creators, one per handler, taking the payload. */
export type ActionCreators<T extends HandlerTable> = {
  [K in keyof T & string]: (payload: PayloadOf<T[K]>) => { type: K; payload: PayloadOf<T[K]> };
};

export function createReducer<S, T extends Record<string, (state: S, payload: never) => S>>(handlers: T) {
  const reducer = (state: S, action: ActionOf<T>): S => {
    const handler = handlers[action.type] as unknown as ((state: S, payload: unknown) => S) | undefined;
    if (!handler) throw new Error(`Unknown action ${action.type}`);
    return handler(state, action.payload);
  };
  const actions = {} as ActionCreators<T>;
  for (const type of Object.keys(handlers)) {
    (actions as Record<string, (payload: unknown) => unknown>)[type] = (payload: unknown) => ({ type, payload });
  }
  return { reducer, actions };
}
