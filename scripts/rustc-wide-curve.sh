#!/bin/sh
# RUSTC_WRAPPER for the wide-arithmetic build of the guest: adds
# `+wide-arithmetic` to the curve crate (ed25519-compact) only, whose
# 64x64->128-bit field products are most of a verify. The rest of the guest
# stays baseline wasm32, because LLVM miscompiles overflow-checked i64
# multiplication with that feature (docs/wide-arithmetic.md) and our date
# parser uses it. Cargo runs this as `<wrapper> <rustc> <args...>`.
rustc=$1
shift
case " $* " in
  *" --crate-name ed25519_compact "*) exec "$rustc" "$@" -C target-feature=+wide-arithmetic ;;
esac
exec "$rustc" "$@"
