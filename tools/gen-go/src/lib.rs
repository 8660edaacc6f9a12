//! Go bindings for the licensewarden world, generated from the WIT.
//!
//! wazero runs core modules, not components, so the Go host speaks the
//! canonical ABI itself. This generator writes that code from
//! `wit/licensewarden.wit`: Go types (with the WIT's `///` docs), memory
//! loads and stores, flat lowering and lifting, the host side of every import
//! and a typed method for every export. A shape the generator does not know
//! (floats, flags, resources, tuples, variants other than option/result) is
//! an error naming the type, so a WIT change can never produce silently wrong
//! Go. The hand-written runtime it calls (`abi.go`) holds the primitives.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use wit_parser::{
    Docs, Function, LiftLowerAbi, ManglingAndAbi, Resolve, SizeAlign, Type, TypeDefKind, TypeId,
    WasmExport, WasmExportKind, WasmImport, WorldItem, WorldKey,
};

/// The world the Go host binds.
pub const WORLD: &str = "licensewarden";

/// Renames where the WIT name would read badly in Go (`licensewarden.Error`,
/// `licensewarden.Code`).
const TYPE_RENAMES: &[(&str, &str)] = &[
    ("license-error", "Error"),
    ("error-code", "Code"),
    ("config", "CoreConfig"),
];

/// Words Go spells in capitals.
const INITIALISMS: &[&str] = &["id", "url", "json", "http", "os", "mac", "ms"];

/// Flat (core wasm) value kinds the generator supports.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Flat {
    I32,
    I64,
}

struct Gen<'a> {
    resolve: &'a Resolve,
    sizes: SizeAlign,
    /// Helper functions already emitted, by mangled type name.
    done: BTreeSet<String>,
    /// Types whose helpers still have to be emitted.
    queue: Vec<Type>,
    helpers: String,
}

type Res<T> = Result<T, String>;

fn pascal(kebab: &str) -> String {
    kebab
        .split('-')
        .map(|w| {
            if INITIALISMS.contains(&w) && w != "ms" {
                w.to_uppercase()
            } else {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect()
}

fn camel(kebab: &str) -> String {
    let (first, rest) = kebab.split_once('-').unwrap_or((kebab, ""));
    let name = format!("{}{}", first.to_lowercase(), pascal(rest));
    if GO_RESERVED.contains(&name.as_str()) {
        format!("{name}Arg")
    } else {
        name
    }
}

const GO_RESERVED: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
    "len",
    "cap",
    "string",
    "error",
    "new",
    "make",
];

fn doc(out: &mut String, docs: &Docs, indent: &str) {
    if let Some(text) = &docs.contents {
        for line in text.trim_end().lines() {
            let line = line.trim_end();
            if line.is_empty() {
                let _ = writeln!(out, "{indent}//");
            } else {
                let _ = writeln!(out, "{indent}// {line}");
            }
        }
    }
}

impl<'a> Gen<'a> {
    fn named(&self, id: TypeId) -> Option<String> {
        let name = self.resolve.types[id].name.as_ref()?;
        Some(
            TYPE_RENAMES
                .iter()
                .find(|(w, _)| w == name)
                .map(|(_, g)| g.to_string())
                .unwrap_or_else(|| pascal(name)),
        )
    }

    /// The kind behind `type x = y` aliases.
    fn kind(&self, id: TypeId) -> &'a TypeDefKind {
        &self.resolve.types[id].kind
    }

    fn unsupported(&self, ty: &Type) -> String {
        format!(
            "gen-go: the WIT type {ty:?} ({}) has no Go binding yet; extend tools/gen-go",
            match ty {
                Type::Id(id) => self.kind(*id).as_str(),
                _ => "primitive",
            }
        )
    }

    /// The Go type of a WIT type.
    fn go_type(&self, ty: &Type) -> Res<String> {
        Ok(match ty {
            Type::Bool => "bool".into(),
            Type::U8 => "uint8".into(),
            Type::U16 => "uint16".into(),
            Type::U32 => "uint32".into(),
            Type::U64 => "uint64".into(),
            Type::String => "string".into(),
            Type::Id(id) => {
                if let Some(n) = self.named(*id) {
                    return Ok(n);
                }
                match self.kind(*id) {
                    TypeDefKind::Type(t) => self.go_type(t)?,
                    TypeDefKind::List(Type::U8) => "[]byte".into(),
                    TypeDefKind::List(t) => format!("[]{}", self.go_type(t)?),
                    TypeDefKind::Option(t) => format!("*{}", self.go_type(t)?),
                    TypeDefKind::Result(r) => format!(
                        "Result[{}, {}]",
                        self.opt_go_type(r.ok.as_ref())?,
                        self.opt_go_type(r.err.as_ref())?
                    ),
                    _ => return Err(self.unsupported(ty)),
                }
            }
            _ => return Err(self.unsupported(ty)),
        })
    }

    fn opt_go_type(&self, ty: Option<&Type>) -> Res<String> {
        ty.map_or(Ok("struct{}".into()), |t| self.go_type(t))
    }

    /// The name part of the helper functions for a type (`loadOptionString`).
    fn mangle(&self, ty: &Type) -> Res<String> {
        Ok(match ty {
            Type::Bool => "Bool".into(),
            Type::U8 => "U8".into(),
            Type::U16 => "U16".into(),
            Type::U32 => "U32".into(),
            Type::U64 => "U64".into(),
            Type::String => "String".into(),
            Type::Id(id) => {
                if let Some(n) = self.named(*id) {
                    return Ok(n);
                }
                match self.kind(*id) {
                    TypeDefKind::Type(t) => self.mangle(t)?,
                    TypeDefKind::List(t) => format!("List{}", self.mangle(t)?),
                    TypeDefKind::Option(t) => format!("Option{}", self.mangle(t)?),
                    TypeDefKind::Result(r) => format!(
                        "Result{}{}",
                        r.ok.as_ref()
                            .map_or(Ok("Unit".into()), |t| self.mangle(t))?,
                        r.err
                            .as_ref()
                            .map_or(Ok("Unit".into()), |t| self.mangle(t))?
                    ),
                    _ => return Err(self.unsupported(ty)),
                }
            }
            _ => return Err(self.unsupported(ty)),
        })
    }

    fn flat(&self, ty: &Type) -> Res<Vec<Flat>> {
        Ok(match ty {
            Type::Bool | Type::U8 | Type::U16 | Type::U32 => vec![Flat::I32],
            Type::U64 => vec![Flat::I64],
            Type::String => vec![Flat::I32, Flat::I32],
            Type::Id(id) => match self.kind(*id) {
                TypeDefKind::Type(t) => self.flat(t)?,
                TypeDefKind::List(_) => vec![Flat::I32, Flat::I32],
                TypeDefKind::Record(r) => {
                    let mut v = Vec::new();
                    for f in &r.fields {
                        v.extend(self.flat(&f.ty)?);
                    }
                    v
                }
                TypeDefKind::Enum(e) => {
                    self.tag_size(e.cases.len(), ty)?;
                    vec![Flat::I32]
                }
                TypeDefKind::Option(t) => self.variant_flat([Some(t)])?,
                TypeDefKind::Result(r) => self.variant_flat([r.ok.as_ref(), r.err.as_ref()])?,
                TypeDefKind::Variant(v) => {
                    self.tag_size(v.cases.len(), ty)?;
                    self.variant_flat(v.cases.iter().map(|c| c.ty.as_ref()))?
                }
                _ => return Err(self.unsupported(ty)),
            },
            _ => return Err(self.unsupported(ty)),
        })
    }

    /// Discriminant then the join of the cases' flat types.
    fn variant_flat<'t>(
        &self,
        cases: impl IntoIterator<Item = Option<&'t Type>>,
    ) -> Res<Vec<Flat>> {
        let mut joined: Vec<Flat> = Vec::new();
        for case in cases.into_iter().flatten() {
            for (i, f) in self.flat(case)?.into_iter().enumerate() {
                match joined.get_mut(i) {
                    Some(j) if *j != f => *j = Flat::I64,
                    Some(_) => {}
                    None => joined.push(f),
                }
            }
        }
        let mut v = vec![Flat::I32];
        v.extend(joined);
        Ok(v)
    }

    fn tag_size(&self, cases: usize, ty: &Type) -> Res<u32> {
        if cases <= 256 {
            Ok(1)
        } else {
            Err(format!("gen-go: {ty:?} has more than 256 cases"))
        }
    }

    fn size(&self, ty: &Type) -> u32 {
        self.sizes.size(ty).size_wasm32() as u32
    }

    fn align(&self, ty: &Type) -> u32 {
        self.sizes.align(ty).align_wasm32() as u32
    }

    fn payload_offset<'t>(&self, cases: impl IntoIterator<Item = Option<&'t Type>>) -> u32 {
        self.sizes
            .payload_offset(wit_parser::Int::U8, cases)
            .size_wasm32() as u32
    }

    /// Queue a type's helpers and return its mangled name.
    fn need(&mut self, ty: &Type) -> Res<String> {
        let m = self.mangle(ty)?;
        let primitive = matches!(
            ty,
            Type::Bool | Type::U8 | Type::U16 | Type::U32 | Type::U64 | Type::String
        );
        if let Type::Id(id) = ty {
            if let TypeDefKind::Type(t) = self.kind(*id) {
                return self.need(t);
            }
        }
        if !primitive && !self.done.contains(&m) {
            self.done.insert(m.clone());
            self.queue.push(*ty);
        }
        Ok(m)
    }

    fn emit_pending(&mut self) -> Res<()> {
        while let Some(ty) = self.queue.pop() {
            self.emit_helpers(&ty)?;
        }
        Ok(())
    }

    /// load/store (memory) and lower/lift (flat) for one composite type.
    fn emit_helpers(&mut self, ty: &Type) -> Res<()> {
        let Type::Id(id) = ty else {
            return Err(self.unsupported(ty));
        };
        let m = self.mangle(ty)?;
        let g = self.go_type(ty)?;
        let mut o = String::new();
        match self.kind(*id) {
            TypeDefKind::Record(r) => {
                let offsets: Vec<u32> = self
                    .sizes
                    .field_offsets(r.fields.iter().map(|f| &f.ty))
                    .into_iter()
                    .map(|(off, _)| off.size_wasm32() as u32)
                    .collect();
                let mut load = String::new();
                let mut store = String::new();
                let mut lower = String::new();
                let mut lift = String::new();
                for (f, off) in r.fields.iter().zip(offsets) {
                    let fm = self.need(&f.ty)?;
                    let name = pascal(&f.name);
                    let _ = writeln!(load, "\tv.{name} = a.load{fm}(p + {off})");
                    let _ = writeln!(store, "\ta.store{fm}(p+{off}, v.{name})");
                    let _ = writeln!(lower, "\tout = a.lower{fm}(v.{name}, out)");
                    let _ = writeln!(lift, "\tv.{name} = a.lift{fm}(vals, i)");
                }
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) (v {g}) {{\n{load}\treturn v\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n{store}}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n{lower}\treturn out\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) (v {g}) {{\n{lift}\treturn v\n}}\n\n"
                );
            }
            TypeDefKind::Enum(e) => {
                let n = e.cases.len();
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) {g} {{\n\treturn a.enum{m}(uint32(a.loadU8(p)))\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n\ta.storeU8(p, uint8(v))\n}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n\treturn append(out, uint64(v))\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) {g} {{\n\t*i++\n\treturn a.enum{m}(uint32(vals[*i-1]))\n}}\n\n\
                     func (a *abi) enum{m}(t uint32) {g} {{\n\tif t >= {n} {{\n\t\ta.fail(\"{g}: case %d does not exist\", t)\n\t\treturn 0\n\t}}\n\treturn {g}(t)\n}}\n\n"
                );
            }
            TypeDefKind::List(el) => {
                let em = self.need(el)?;
                let eg = self.go_type(el)?;
                let size = self.size(el);
                let align = self.align(el);
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) {g} {{\n\treturn a.read{m}(a.loadU32(p), a.loadU32(p+4))\n}}\n\n\
                     func (a *abi) read{m}(ptr, n uint32) {g} {{\n\tif !a.fits(ptr, n, {size}) {{\n\t\treturn nil\n\t}}\n\
                     \tv := make({g}, n)\n\tfor k := range v {{\n\t\tv[k] = a.load{em}(ptr + uint32(k)*{size})\n\t}}\n\treturn v\n}}\n\n\
                     func (a *abi) alloc{m}(v {g}) (uint32, uint32) {{\n\tptr := a.alloc(uint32(len(v))*{size}, {align})\n\
                     \tfor k, e := range v {{\n\t\ta.store{em}(ptr+uint32(k)*{size}, e)\n\t}}\n\treturn ptr, uint32(len(v))\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n\tptr, n := a.alloc{m}(v)\n\ta.storeU32(p, ptr)\n\ta.storeU32(p+4, n)\n}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n\tptr, n := a.alloc{m}(v)\n\treturn append(out, uint64(ptr), uint64(n))\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) {g} {{\n\t*i += 2\n\treturn a.read{m}(uint32(vals[*i-2]), uint32(vals[*i-1]))\n}}\n\n"
                );
                let _ = eg;
            }
            TypeDefKind::Option(t) => {
                let tm = self.need(t)?;
                let off = self.payload_offset([Some(t)]);
                let k = self.flat(t)?.len();
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) {g} {{\n\tswitch a.loadU8(p) {{\n\tcase 0:\n\t\treturn nil\n\tcase 1:\n\
                     \t\tv := a.load{tm}(p + {off})\n\t\treturn &v\n\t}}\n\ta.fail(\"option: bad discriminant at %d\", p)\n\treturn nil\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n\tif v == nil {{\n\t\ta.storeU8(p, 0)\n\t\treturn\n\t}}\n\
                     \ta.storeU8(p, 1)\n\ta.store{tm}(p+{off}, *v)\n}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n\tif v == nil {{\n\t\treturn pad(append(out, 0), len(out)+1+{k})\n\t}}\n\
                     \tend := len(out) + 1 + {k}\n\treturn pad(a.lower{tm}(*v, append(out, 1)), end)\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) (v {g}) {{\n\ttag, end := vals[*i], *i+1+{k}\n\t*i++\n\
                     \tswitch tag {{\n\tcase 0:\n\tcase 1:\n\t\tx := a.lift{tm}(vals, i)\n\t\tv = &x\n\tdefault:\n\t\ta.fail(\"option: bad discriminant %d\", tag)\n\t}}\n\t*i = end\n\treturn v\n}}\n\n"
                );
            }
            TypeDefKind::Result(r) => {
                let off = self.payload_offset([r.ok.as_ref(), r.err.as_ref()]);
                let k = self.variant_flat([r.ok.as_ref(), r.err.as_ref()])?.len() - 1;
                let case = |gen: &mut Self, t: Option<&Type>, field: &str| -> Res<[String; 4]> {
                    let Some(t) = t else {
                        return Ok(Default::default());
                    };
                    let tm = gen.need(t)?;
                    Ok([
                        format!("\t\tv.{field} = a.load{tm}(p + {off})\n"),
                        format!("\t\ta.store{tm}(p+{off}, v.{field})\n"),
                        format!("\t\tout = a.lower{tm}(v.{field}, out)\n"),
                        format!("\t\tv.{field} = a.lift{tm}(vals, i)\n"),
                    ])
                };
                let [lo, so, wo, io] = case(self, r.ok.as_ref(), "Ok")?;
                let [le, se, we, ie] = case(self, r.err.as_ref(), "Err")?;
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) (v {g}) {{\n\tswitch a.loadU8(p) {{\n\tcase 0:\n{lo}\tcase 1:\n\t\tv.IsErr = true\n{le}\
                     \tdefault:\n\t\ta.fail(\"result: bad discriminant at %d\", p)\n\t}}\n\treturn v\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n\tif !v.IsErr {{\n\t\ta.storeU8(p, 0)\n{so}\t}} else {{\n\t\ta.storeU8(p, 1)\n{se}\t}}\n}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n\tend := len(out) + 1 + {k}\n\
                     \tif !v.IsErr {{\n\t\tout = append(out, 0)\n{wo}\t}} else {{\n\t\tout = append(out, 1)\n{we}\t}}\n\treturn pad(out, end)\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) (v {g}) {{\n\ttag, end := vals[*i], *i+1+{k}\n\t*i++\n\
                     \tswitch tag {{\n\tcase 0:\n{io}\tcase 1:\n\t\tv.IsErr = true\n{ie}\tdefault:\n\t\ta.fail(\"result: bad discriminant %d\", tag)\n\t}}\n\t*i = end\n\treturn v\n}}\n\n"
                );
            }
            TypeDefKind::Variant(var) => {
                let tys: Vec<Option<Type>> = var.cases.iter().map(|c| c.ty).collect();
                let off = self.payload_offset(tys.iter().map(Option::as_ref));
                let k = self.variant_flat(tys.iter().map(Option::as_ref))?.len() - 1;
                let (mut lo, mut so, mut wo, mut io) =
                    (String::new(), String::new(), String::new(), String::new());
                for (tag, c) in var.cases.iter().enumerate() {
                    let field = pascal(&c.name);
                    let _ = writeln!(lo, "\tcase {tag}:\n\t\tv.Case = {g}{field}");
                    let _ = writeln!(so, "\tcase {g}{field}:\n\t\ta.storeU8(p, {tag})");
                    let _ = writeln!(wo, "\tcase {g}{field}:\n\t\tout = append(out, {tag})");
                    let _ = writeln!(io, "\tcase {tag}:\n\t\tv.Case = {g}{field}");
                    if let Some(t) = &c.ty {
                        let tm = self.need(t)?;
                        let _ = writeln!(lo, "\t\tv.{field} = a.load{tm}(p + {off})");
                        let _ = writeln!(so, "\t\ta.store{tm}(p+{off}, v.{field})");
                        let _ = writeln!(wo, "\t\tout = a.lower{tm}(v.{field}, out)");
                        let _ = writeln!(io, "\t\tv.{field} = a.lift{tm}(vals, i)");
                    }
                }
                let _ = write!(
                    o,
                    "func (a *abi) load{m}(p uint32) (v {g}) {{\n\tswitch a.loadU8(p) {{\n{lo}\tdefault:\n\t\ta.fail(\"{g}: bad discriminant at %d\", p)\n\t}}\n\treturn v\n}}\n\n\
                     func (a *abi) store{m}(p uint32, v {g}) {{\n\tswitch v.Case {{\n{so}\tdefault:\n\t\ta.fail(\"{g}: case %d does not exist\", v.Case)\n\t}}\n}}\n\n\
                     func (a *abi) lower{m}(v {g}, out []uint64) []uint64 {{\n\tend := len(out) + 1 + {k}\n\tswitch v.Case {{\n{wo}\tdefault:\n\t\ta.fail(\"{g}: case %d does not exist\", v.Case)\n\t\tout = append(out, 0)\n\t}}\n\treturn pad(out, end)\n}}\n\n\
                     func (a *abi) lift{m}(vals []uint64, i *int) (v {g}) {{\n\ttag, end := vals[*i], *i+1+{k}\n\t*i++\n\tswitch tag {{\n{io}\tdefault:\n\t\ta.fail(\"{g}: bad discriminant %d\", tag)\n\t}}\n\t*i = end\n\treturn v\n}}\n\n"
                );
            }
            _ => return Err(self.unsupported(ty)),
        }
        self.helpers.push_str(&o);
        Ok(())
    }

    /// Go declarations for the named types of an interface, in WIT order.
    fn type_decls(&mut self, iface: wit_parser::InterfaceId, out: &mut String) -> Res<()> {
        for (_, &id) in &self.resolve.interfaces[iface].types {
            let def = &self.resolve.types[id];
            let name = self.named(id).expect("interface types are named");
            if let TypeDefKind::Type(Type::Id(target)) = &def.kind {
                if self.named(*target).as_deref() == Some(name.as_str()) {
                    continue; // `use types.{x}`: the same Go type
                }
            }
            doc(out, &def.docs, "");
            match &def.kind {
                TypeDefKind::Record(r) => {
                    let _ = writeln!(out, "type {name} struct {{");
                    for f in &r.fields {
                        doc(out, &f.docs, "\t");
                        let json = &f.name;
                        let _ = writeln!(
                            out,
                            "\t{} {} `json:\"{}\"`",
                            pascal(&f.name),
                            self.go_type(&f.ty)?,
                            json.replace('-', "_")
                        );
                    }
                    let _ = writeln!(out, "}}\n");
                }
                TypeDefKind::Enum(e) => {
                    let _ = writeln!(out, "type {name} uint8\n\nconst (");
                    for (i, c) in e.cases.iter().enumerate() {
                        doc(out, &c.docs, "\t");
                        if i == 0 {
                            let _ = writeln!(out, "\t{name}{} {name} = iota", pascal(&c.name));
                        } else {
                            let _ = writeln!(out, "\t{name}{}", pascal(&c.name));
                        }
                    }
                    let _ = writeln!(out, ")\n");
                    let names: Vec<String> =
                        e.cases.iter().map(|c| format!("{:?}", c.name)).collect();
                    let _ = writeln!(
                        out,
                        "var names{name} = [...]string{{{}}}\n\n\
                         // String is the WIT name of the case, e.g. {}.\n\
                         func (v {name}) String() string {{\n\tif int(v) < len(names{name}) {{\n\t\treturn names{name}[v]\n\t}}\n\treturn \"invalid\"\n}}\n\n\
                         // MarshalText writes the WIT name, so JSON carries the same strings as every host.\n\
                         func (v {name}) MarshalText() ([]byte, error) {{\n\treturn []byte(v.String()), nil\n}}\n\n\
                         // UnmarshalText reads the WIT name.\n\
                         func (v *{name}) UnmarshalText(b []byte) error {{\n\tc, ok := Parse{name}(string(b))\n\tif !ok {{\n\t\treturn fmt.Errorf(\"unknown {name} %q\", b)\n\t}}\n\t*v = c\n\treturn nil\n}}\n\n\
                         // Parse{name} returns the case with the WIT name s.\n\
                         func Parse{name}(s string) ({name}, bool) {{\n\tfor i, n := range names{name} {{\n\t\tif n == s {{\n\t\t\treturn {name}(i), true\n\t\t}}\n\t}}\n\treturn 0, false\n}}\n",
                        names.join(", "),
                        names[0]
                    );
                }
                TypeDefKind::Type(t) => {
                    let _ = writeln!(out, "type {name} = {}\n", self.go_type(t)?);
                }
                TypeDefKind::Variant(v) => {
                    // A struct with the case and one field per case with a
                    // payload (set only for that case).
                    let _ = writeln!(out, "type {name} struct {{\n\t// Case says which case this is.\n\tCase {name}Case `json:\"case\"`");
                    for c in &v.cases {
                        if let Some(t) = &c.ty {
                            doc(out, &c.docs, "\t");
                            let _ = writeln!(
                                out,
                                "\t{} {} `json:\"{},omitempty\"`",
                                pascal(&c.name),
                                self.go_type(t)?,
                                c.name.replace('-', "_")
                            );
                        }
                    }
                    let _ = writeln!(out, "}}\n\n// {name}Case names a case of {name}.\ntype {name}Case uint8\n\nconst (");
                    for (i, c) in v.cases.iter().enumerate() {
                        doc(out, &c.docs, "\t");
                        if i == 0 {
                            let _ = writeln!(out, "\t{name}{} {name}Case = iota", pascal(&c.name));
                        } else {
                            let _ = writeln!(out, "\t{name}{}", pascal(&c.name));
                        }
                    }
                    let _ = writeln!(out, ")\n");
                }
                _ => return Err(self.unsupported(&Type::Id(id))),
            }
        }
        Ok(())
    }

    fn params_go(&self, f: &Function) -> Res<String> {
        let mut v = Vec::new();
        for p in &f.params {
            v.push(format!("{} {}", camel(&p.name), self.go_type(&p.ty)?));
        }
        Ok(v.join(", "))
    }

    fn wasm_types(sig: &[wit_parser::abi::WasmType]) -> Res<String> {
        let mut v = Vec::new();
        for t in sig {
            v.push(match t {
                wit_parser::abi::WasmType::I64 => "api.ValueTypeI64",
                wit_parser::abi::WasmType::F32 | wit_parser::abi::WasmType::F64 => {
                    return Err("gen-go: float parameters are not supported".into())
                }
                _ => "api.ValueTypeI32",
            });
        }
        Ok(v.join(", "))
    }

    /// The host side of one import.
    fn import_func(
        &mut self,
        key: &WorldKey,
        iface_name: &str,
        f: &Function,
        out: &mut String,
    ) -> Res<String> {
        let mangling = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);
        let (module, field) = self.resolve.wasm_import_name(
            mangling,
            WasmImport::Func {
                interface: Some(key),
                func: f,
            },
        );
        let sig = self.resolve.wasm_signature(mangling.import_variant(), f);
        if sig.indirect_params {
            return Err(format!(
                "gen-go: import {field} has more than 16 flat params"
            ));
        }
        let method = format!("{}{}", pascal(iface_name), pascal(&f.name));
        let mut body = String::new();
        let mut args = Vec::new();
        for p in &f.params {
            let m = self.need(&p.ty)?;
            let var = format!("p{}", args.len());
            let _ = writeln!(body, "\t\t\t{var} := a.lift{m}(stack, &i)");
            args.push(var);
        }
        let call = format!("imp.{method}({})", args.join(", "));
        match &f.result {
            None => {
                let _ = writeln!(body, "\t\t\ta.check()\n\t\t\t{call}");
            }
            Some(t) => {
                let m = self.need(t)?;
                let _ = writeln!(body, "\t\t\ta.check()\n\t\t\tr := {call}");
                if sig.retptr {
                    let _ = writeln!(body, "\t\t\ta.store{m}(uint32(stack[i]), r)");
                } else {
                    let _ = writeln!(body, "\t\t\tstack[0] = a.lower{m}(r, nil)[0]");
                }
            }
        }
        let _ = write!(
            out,
            "\tb.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, mod api.Module, stack []uint64) {{\n\
             \t\t\ta, imp{} := newABI(ctx, mod), importsFrom(ctx){}\n{body}\t\t\ta.check()\n\
             \t\t}}), []api.ValueType{{{}}}, []api.ValueType{{{}}}).Export({field:?})\n",
            if sig.params.is_empty() { "" } else { ", i" },
            if sig.params.is_empty() { "" } else { ", 0" },
            Self::wasm_types(&sig.params)?,
            Self::wasm_types(&sig.results)?,
        );
        let _ = module;
        let mut decl = String::new();
        doc(&mut decl, &f.docs, "\t");
        let ret = match &f.result {
            Some(t) => format!(" {}", self.go_type(t)?),
            None => String::new(),
        };
        let _ = writeln!(decl, "\t{method}({}){ret}", self.params_go(f)?);
        Ok(decl)
    }

    fn export_func(
        &mut self,
        f: &Function,
        fields: &mut String,
        bind: &mut String,
        methods: &mut String,
    ) -> Res<()> {
        let mangling = ManglingAndAbi::Legacy(LiftLowerAbi::Sync);
        let sig = self.resolve.wasm_signature(mangling.export_variant(), f);
        let name = self.resolve.wasm_export_name(
            mangling,
            WasmExport::Func {
                interface: None,
                func: f,
                kind: WasmExportKind::Normal,
            },
        );
        let post = self.resolve.wasm_export_name(
            mangling,
            WasmExport::Func {
                interface: None,
                func: f,
                kind: WasmExportKind::PostReturn,
            },
        );
        let field = camel(&f.name);
        let method = pascal(&f.name);
        let _ = writeln!(fields, "\t{field}, {field}Post api.Function");
        let _ = writeln!(
            bind,
            "\tif e.{field} = mod.ExportedFunction({name:?}); e.{field} == nil {{\n\t\treturn nil, missingExport({name:?})\n\t}}\n\
             \te.{field}Post = mod.ExportedFunction({post:?})"
        );
        let mut lower = String::new();
        if sig.indirect_params {
            let tys: Vec<Type> = f.params.iter().map(|p| p.ty).collect();
            let offsets = self.sizes.field_offsets(tys.iter());
            let rec = self.sizes.record(tys.iter());
            let _ = writeln!(
                lower,
                "\targs := a.alloc({}, {})",
                rec.size.size_wasm32(),
                rec.align.align_wasm32()
            );
            for (p, (off, _)) in f.params.iter().zip(offsets) {
                let m = self.need(&p.ty)?;
                let _ = writeln!(
                    lower,
                    "\ta.store{m}(args+{}, {})",
                    off.size_wasm32(),
                    camel(&p.name)
                );
            }
            let _ = writeln!(lower, "\tparams := []uint64{{uint64(args)}}");
        } else {
            let _ = writeln!(lower, "\tparams := make([]uint64, 0, {})", sig.params.len());
            for p in &f.params {
                let m = self.need(&p.ty)?;
                let _ = writeln!(lower, "\tparams = a.lower{m}({}, params)", camel(&p.name));
            }
        }
        let (ret_ty, lift) = match &f.result {
            None => ("struct{}".to_string(), String::new()),
            Some(t) => {
                let m = self.need(t)?;
                let g = self.go_type(t)?;
                if sig.retptr {
                    (g, format!("\tr = a.load{m}(uint32(res[0]))\n"))
                } else {
                    (g, format!("\tn := 0\n\tr = a.lift{m}(res, &n)\n"))
                }
            }
        };
        doc(methods, &f.docs, "");
        let _ = write!(
            methods,
            "func (e *exports) {method}(ctx context.Context{}{}) (r {ret_ty}, err error) {{\n\
             \ta := newABI(ctx, e.mod)\n{lower}\tif a.err != nil {{\n\t\treturn r, a.err\n\t}}\n\
             \tres, err := e.{field}.Call(ctx, params...)\n\tif err != nil {{\n\t\treturn r, err\n\t}}\n\
             {lift}\tif a.err != nil {{\n\t\treturn r, a.err\n\t}}\n\
             \tif e.{field}Post != nil {{\n\t\t_, err = e.{field}Post.Call(ctx, res...)\n\t}}\n\treturn r, err\n}}\n\n",
            if f.params.is_empty() { "" } else { ", " },
            self.params_go(f)?,
        );
        Ok(())
    }
}

/// The Go source of the bindings (not yet gofmt'ed).
pub fn generate(wit_dir: &Path) -> Res<String> {
    let mut resolve = Resolve::new();
    let (pkg, _) = resolve
        .push_path(wit_dir)
        .map_err(|e| format!("gen-go: cannot read {}: {e:#}", wit_dir.display()))?;
    let world = resolve
        .select_world(&[pkg], Some(WORLD))
        .map_err(|e| format!("gen-go: {e:#}"))?;
    let mut sizes = SizeAlign::default();
    sizes.fill(&resolve).map_err(|e| format!("gen-go: {e:#}"))?;
    let mut g = Gen {
        resolve: &resolve,
        sizes,
        done: BTreeSet::new(),
        queue: Vec::new(),
        helpers: String::new(),
    };

    let mut types = String::new();
    let mut imports_iface = String::new();
    let mut link = String::new();
    let mut seen_ifaces = BTreeMap::new();
    let w = &resolve.worlds[world];
    for (key, item) in &w.imports {
        match item {
            WorldItem::Interface { id, .. } => {
                let iface = &resolve.interfaces[*id];
                let iname = iface.name.clone().unwrap_or_default();
                seen_ifaces.insert(iname.clone(), *id);
                g.type_decls(*id, &mut types)?;
                if iface.functions.is_empty() {
                    continue;
                }
                let (module, _) = resolve.wasm_import_name(
                    ManglingAndAbi::Legacy(LiftLowerAbi::Sync),
                    WasmImport::Func {
                        interface: Some(key),
                        func: iface.functions.values().next().expect("non-empty"),
                    },
                );
                let _ = writeln!(link, "\t{{\n\tb := rt.NewHostModuleBuilder({module:?})");
                for f in iface.functions.values() {
                    let decl = g.import_func(key, &iname, f, &mut link)?;
                    imports_iface.push_str(&decl);
                }
                let _ = writeln!(
                    link,
                    "\tif _, err := b.Instantiate(ctx); err != nil {{\n\t\treturn err\n\t}}\n\t}}"
                );
            }
            WorldItem::Type { .. } => {}
            WorldItem::Function(f) => {
                return Err(format!(
                    "gen-go: world-level import {} is not supported",
                    f.name
                ))
            }
        }
    }
    let mut fields = String::new();
    let mut bind = String::new();
    let mut methods = String::new();
    for item in w.exports.values() {
        match item {
            WorldItem::Function(f) => g.export_func(f, &mut fields, &mut bind, &mut methods)?,
            _ => return Err("gen-go: only world-level function exports are supported".into()),
        }
    }
    g.emit_pending()?;

    let mut out = String::new();
    let _ = write!(
        out,
        "// Code generated by tools/gen-go from wit/licensewarden.wit. DO NOT EDIT.\n\
         // Regenerate: cargo run -q -p gen-go -- wit host/go/bindings.go\n\n\
         package licensewarden\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\n\t\"github.com/tetratelabs/wazero\"\n\t\"github.com/tetratelabs/wazero/api\"\n)\n\n\
         {types}\
         // Result is a WIT result: Ok when IsErr is false, Err otherwise.\n\
         type Result[T, E any] struct {{\n\tOk    T\n\tErr   E\n\tIsErr bool\n}}\n\n\
         // Imports is what the host supplies to the core: the world's imports.\n\
         type Imports interface {{\n{imports_iface}}}\n\n\
         // linkImports instantiates one host module per imported interface in rt; each\n\
         // function finds the Imports of the calling instance in its context.\n\
         func linkImports(ctx context.Context, rt wazero.Runtime) error {{\n{link}\treturn nil\n}}\n\n\
         // exports holds the core module's export functions.\n\
         type exports struct {{\n\tmod api.Module\n{fields}}}\n\n\
         func bindExports(mod api.Module) (*exports, error) {{\n\te := &exports{{mod: mod}}\n{bind}\treturn e, nil\n}}\n\n\
         {methods}{}",
        g.helpers
    );
    Ok(out)
}

/// Formats Go source with the `gofmt` on PATH.
pub fn gofmt(src: &str) -> Res<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gofmt")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("gen-go: cannot run gofmt ({e}); install Go (https://go.dev/dl)"))?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(src.as_bytes())
        .map_err(|e| format!("gen-go: gofmt: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("gen-go: gofmt: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "gen-go: generated code does not parse: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("gen-go: gofmt: {e}"))
}

/// The WIT's named types in brief, one canonical JSON document
/// (`tests/wit-types.json`): each record's fields, each enum's and
/// variant's cases, by interface. Hosts with hand-written types test them
/// against it, so a field or code added to the WIT cannot be forgotten.
pub fn type_summary(wit_dir: &Path) -> Res<String> {
    let mut resolve = Resolve::new();
    resolve
        .push_path(wit_dir)
        .map_err(|e| format!("gen-go: cannot read {}: {e:#}", wit_dir.display()))?;
    let list = |names: Vec<String>| {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("[{}]", quoted.join(","))
    };
    let mut kinds: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    for (_, iface) in &resolve.interfaces {
        for (name, id) in &iface.types {
            let (kind, names) = match &resolve.types[*id].kind {
                TypeDefKind::Record(r) => {
                    ("records", r.fields.iter().map(|f| f.name.clone()).collect())
                }
                TypeDefKind::Enum(e) => ("enums", e.cases.iter().map(|c| c.name.clone()).collect()),
                TypeDefKind::Variant(v) => {
                    ("variants", v.cases.iter().map(|c| c.name.clone()).collect())
                }
                _ => continue,
            };
            kinds
                .entry(kind)
                .or_default()
                .insert(name.clone(), list(names));
        }
    }
    let body: Vec<String> = kinds
        .iter()
        .map(|(kind, types)| {
            let entries: Vec<String> = types
                .iter()
                .map(|(n, v)| format!("  \"{n}\": {v}"))
                .collect();
            format!("\"{kind}\": {{\n{}\n}}", entries.join(",\n"))
        })
        .collect();
    Ok(format!("{{\n{}\n}}\n", body.join(",\n")))
}
