// What a Licensing keeps so hot-path checks need no call into the core:
// the core's answers for the snapshot in force, each bounded.

// The core's denials are a function of the snapshot, so each is remembered
// (per feature, per path and feature for gate) until the snapshot is
// recomputed: a flood of requests for an unlicensed feature then costs no
// boundary call each. Bounded: once full, further names ask the core.
export const MAX_MEMO = 256;

export function remember(memo, key, value) {
  if (memo.size < MAX_MEMO) memo.set(key, value);
  return value;
}

/**
 * The access memo: a trie over action, verb, each role (`r` maps) then
 * each group (`g` maps), a decision at the end. Not one string key: V8
 * spends ~0.35 µs building and hashing a composed key, more than the rest
 * of a memo hit; each name's hash is cached on its string instead.
 */
export function accessStep(map, key, memo) {
  let n = map.get(key);
  if (n === undefined && memo) {
    n = { r: new Map(), g: new Map(), d: undefined };
    map.set(key, n);
    memo.size++;
  }
  return n;
}

export function accessNode(memo, roles, groups, action, verb, create) {
  const grow = create && memo.size < 4096 ? memo : null;
  let n = accessStep(memo.root.r, action, grow);
  if (n) n = accessStep(n.r, verb, grow);
  for (let i = 0; n && i < roles.length; i++) n = accessStep(n.r, roles[i], grow);
  for (let i = 0; n && i < groups.length; i++) n = accessStep(n.g, groups[i], grow);
  return n;
}

export const newAccessMemo = () => ({ root: { r: new Map() }, size: 0 });
