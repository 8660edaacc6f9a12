/** @module Interface licensewarden:core/clock **/
export function nowMs(): bigint;
