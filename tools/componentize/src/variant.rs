//! Which wasm instruction set a build of the guest may use.

use wasmparser::{Operator, Parser, Payload};

/// The two builds of the one guest source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Plain wasm32 (MVP plus the features rustc enables by default).
    Baseline,
    /// The curve crate built with `+wide-arithmetic`; the rest baseline.
    WideArithmetic,
}

/// How many of each wide-arithmetic instruction a module holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WideCounts {
    /// `i64.add128` and `i64.sub128`.
    pub add_sub: usize,
    /// `i64.mul_wide_u`.
    pub mul_u: usize,
    /// `i64.mul_wide_s`.
    pub mul_s: usize,
}

impl WideCounts {
    fn total(&self) -> usize {
        self.add_sub + self.mul_u + self.mul_s
    }
}

impl Variant {
    /// `baseline` or `wide-arithmetic`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "baseline" => Some(Self::Baseline),
            "wide-arithmetic" => Some(Self::WideArithmetic),
            _ => None,
        }
    }

    /// Fails with the reason when `module` does not fit this variant.
    pub fn check(self, module: &[u8]) -> Result<WideCounts, String> {
        let counts = count_wide(module)?;
        match self {
            Self::Baseline if counts.total() > 0 => Err(format!(
                "the baseline build holds {} wide-arithmetic instructions; runtimes without that proposal (V8, wazero) would refuse it",
                counts.total()
            )),
            Self::WideArithmetic if counts.total() == 0 => Err(
                "the wide-arithmetic build holds no wide-arithmetic instruction: the curve crate was not built with +wide-arithmetic".into(),
            ),
            Self::WideArithmetic if counts.mul_s > 0 => Err(format!(
                "the wide-arithmetic build holds {} i64.mul_wide_s: +wide-arithmetic reached code beyond the curve crate, where LLVM miscompiles overflow-checked multiplication (docs/wide-arithmetic.md)",
                counts.mul_s
            )),
            _ => Ok(counts),
        }
    }
}

/// Counts wide-arithmetic instructions in every function body of a core module.
pub fn count_wide(module: &[u8]) -> Result<WideCounts, String> {
    let mut counts = WideCounts::default();
    for payload in Parser::new(0).parse_all(module) {
        let payload = payload.map_err(|e| format!("not a wasm module: {e}"))?;
        if let Payload::CodeSectionEntry(body) = payload {
            let mut ops = body
                .get_operators_reader()
                .map_err(|e| format!("unreadable function body: {e}"))?;
            while !ops.eof() {
                match ops
                    .read()
                    .map_err(|e| format!("unreadable instruction: {e}"))?
                {
                    Operator::I64Add128 | Operator::I64Sub128 => counts.add_sub += 1,
                    Operator::I64MulWideU => counts.mul_u += 1,
                    Operator::I64MulWideS => counts.mul_s += 1,
                    _ => {}
                }
            }
        }
    }
    Ok(counts)
}
