/** @module Interface licensewarden:core/device **/
export function facts(): DeviceFacts;
export type DeviceFacts = import('./licensewarden-core-types.js').DeviceFacts;
