// Types of the worker entry (`licensewarden/worker`, and `licensewarden`
// under the `workerd`/`worker` conditions): no files, no environment.
export * from './types.js';
import type { Gateway, Licensing, LicensingOptions } from './types.js';

/** A Licensing inside a worker; pass the key as `key` (there is no env or file lookup). */
export function createLicensing(options?: LicensingOptions): Promise<Licensing>;
export function createGateway(options?: LicensingOptions): Gateway;
