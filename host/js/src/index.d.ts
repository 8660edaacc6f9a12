// Types of the Node entry (`licensewarden`, `licensewarden/node`).
export * from './types.js';
import type { DeviceFacts, Gateway, Licensing, LicensingOptions, SlotStore, TrustedKey } from './types.js';

export function createLicensing(options?: LicensingOptions): Promise<Licensing>;
export function createGateway(options?: LicensingOptions): Gateway;
/** Why a named key file could not be used (the core words the message). */
export type UnreadableReason = 'not-found' | 'permission-denied' | 'not-a-regular-file' | 'too-large' | 'not-utf8' | 'no-key-line' | 'other';
export function resolveKey(product: string, env?: Record<string, string | undefined>, home?: string | null): {
  token: string | null; source: string; unreadable: UnreadableReason | null; detail: string;
};
export function deviceFacts(): DeviceFacts;
export function componentSha256(): string;
export function fileStore(dir: string, witnessDir?: string | null, options?: { fileTimes?: boolean }): SlotStore;
/** Read a key file written by `licensewarden keygen` (bounded; refuses private keys and world-readable HMAC secrets). */
export function trustedKeyFromFile(path: string): TrustedKey;
/** At most `cap` bytes of a regular file (non-blocking open). */
export function readBounded(path: string, cap: number): Uint8Array;
