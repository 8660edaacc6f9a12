/** @module Interface licensewarden:core/store **/
export function load(slot: string): string | undefined;
export function save(slot: string, data: string): string | undefined;
export function newestChange(): bigint;
