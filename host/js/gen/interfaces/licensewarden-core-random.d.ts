/** @module Interface licensewarden:core/random **/
export function bytes(len: number): Uint8Array;
