//! What a learner's file may declare: no more than its exercise needs.
//!
//! The learner's code runs inside the checks' process. Before anything is built, its
//! files are read with a real parser (syn, on proc-macro2's lexer: comments and string
//! contents are never mistaken for code) and refused when they reach past the exercise:
//! `unsafe`; code or data pulled in from elsewhere (`#[path]`, `mod x;`, `include!`,
//! `include_str!`, `include_bytes!`, `env!`, `option_env!`); `extern crate`, `extern`
//! blocks, `asm!`; symbol attributes (`no_mangle`, `export_name`, `link`…); the
//! operating system (`std::fs`, `std::env`, `std::process`, `std::net`, `std::os`,
//! `tokio::fs`, `tokio::process`, `tokio::net`, `tokio::signal`) unless the exercise's
//! `exercise.toml` allows it; the support crate beyond its simulated services
//! (`workbook::sim`): its trace, harness and allowances are the checks', not the
//! learner's; and the shape of a known hole in the compiler's lifetime checks (a type
//! that ties one named lifetime to another, such as `&'a &'b ()`; rust-lang/rust#25860),
//! through which code without `unsafe` can read freed memory, and so anything in the
//! checks' process; and of another (a `dyn` of the file's own trait with its associated
//! type set; rust-lang/rust#57893), a transmute without `unsafe`.
//!
//! Paths are followed through renames (`use std as s;` then `s::fs`), grouped imports
//! (`use std::{fs, io}`), globs (`use std::*` is refused: it would bring `fs` into
//! scope unnamed) and macro bodies (their tokens are scanned too).

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::spanned::Spanned as _;
use syn::visit::Visit;

/// The crates and modules a learner's file may not name, unless allowed.
const OPERATING_SYSTEM: &[&str] = &[
    "std::fs",
    "std::env",
    "std::process",
    "std::net",
    "std::os",
    "tokio::fs",
    "tokio::process",
    "tokio::net",
    "tokio::signal",
];

/// Macros that read files or the environment at build time, or emit assembly.
const MACROS: &[&str] =
    &["include", "include_str", "include_bytes", "env", "option_env", "asm", "global_asm", "naked_asm"];

/// Attributes that load other files or touch symbols and linking.
const ATTRIBUTES: &[&str] = &["path", "no_mangle", "export_name", "link", "link_name", "link_section", "used", "naked"];

/// One thing refused, where it is, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Refusal {
    /// The learner's file, as `exercise.toml` lists it.
    pub file: String,
    /// The line, counting from 1.
    pub line: usize,
    /// What was found, as code.
    pub what: String,
    /// Why it is refused, for the learner.
    pub why: String,
}

/// Everything refused in `files` (path, text). `allowed` are the modules the exercise
/// allows (`exercise.toml`'s `allow`). A file that does not parse is left to the
/// compiler, which explains syntax errors better.
pub fn refusals(allowed: &[String], files: &[(String, String)]) -> Vec<Refusal> {
    let mut found = Vec::new();
    for (file, text) in files {
        let Ok(tree) = syn::parse_file(text) else { continue };
        let local_traits = text.parse::<TokenStream>().map(traits_declared).unwrap_or_default();
        let mut visitor = Visitor { file, text, allowed, local_traits, aliases: BTreeMap::new(), found: Vec::new() };
        // Renames first, wherever they are, so a path before its `use` is still followed.
        for item in &tree.items {
            if let syn::Item::Use(item) = item {
                visitor.learn_aliases(&item.tree, &[]);
            }
        }
        visitor.visit_file(&tree);
        found.extend(visitor.found);
    }
    found.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    found.dedup();
    found
}

struct Visitor<'a> {
    file: &'a str,
    /// The file's text, to quote what is refused as it is written.
    text: &'a str,
    /// The traits the file declares, macro bodies included.
    local_traits: std::collections::BTreeSet<String>,
    allowed: &'a [String],
    /// Local names for crates or modules (`use std as s;` → s = std).
    aliases: BTreeMap<String, Vec<String>>,
    found: Vec<Refusal>,
}

impl Visitor<'_> {
    fn refuse(&mut self, span: proc_macro2::Span, what: impl Into<String>, why: impl Into<String>) {
        self.found.push(Refusal {
            file: self.file.to_string(),
            line: span.start().line,
            what: what.into(),
            why: why.into(),
        });
    }

    /// Records the renames a `use` tree makes.
    fn learn_aliases(&mut self, tree: &syn::UseTree, prefix: &[String]) {
        match tree {
            syn::UseTree::Path(path) => {
                let mut next = prefix.to_vec();
                next.push(path.ident.to_string());
                self.learn_aliases(&path.tree, &next);
            }
            syn::UseTree::Rename(rename) => {
                let mut target = prefix.to_vec();
                if rename.ident != "self" {
                    target.push(rename.ident.to_string());
                }
                let target = self.resolve(&target);
                self.aliases.insert(rename.rename.to_string(), target);
            }
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| self.learn_aliases(t, prefix)),
            // `use workbook::sim::web;` (or `web::{self, …}`): `web::x` is `workbook::sim::web::x`.
            syn::UseTree::Name(name) => {
                let mut target = prefix.to_vec();
                if name.ident != "self" {
                    target.push(name.ident.to_string());
                }
                if let [.., _, last] = &target[..] {
                    let last = last.clone();
                    let target = self.resolve(&target);
                    self.aliases.entry(last).or_insert(target);
                }
            }
            syn::UseTree::Glob(_) => {}
        }
    }

    /// A path with its first segment put back to what a rename stands for.
    fn resolve(&self, segments: &[String]) -> Vec<String> {
        let Some((first, rest)) = segments.split_first() else { return Vec::new() };
        let mut out = self.aliases.get(first).cloned().unwrap_or_else(|| vec![first.clone()]);
        out.extend(rest.iter().cloned());
        // `crate::` and `::` prefixes are not aliases; `::std::fs` is `std::fs`.
        out
    }

    /// Checks one path (already resolved) against the rules.
    fn check_path(&mut self, segments: &[String], span: proc_macro2::Span, glob: bool) {
        let text = segments.join("::");
        let under = |module: &str| text == module || text.starts_with(&format!("{module}::"));
        if self.allowed.iter().any(|allowed| under(allowed)) {
            return;
        }
        for module in OPERATING_SYSTEM {
            if under(module) {
                self.refuse(
                    span,
                    text.clone(),
                    format!(
                        "`{module}` reaches the operating system (files, the environment, processes or the \
                         network), which this exercise does not need; the checks run your code on the \
                         grader's machine, so it may only use what the exercise gives it"
                    ),
                );
                return;
            }
        }
        if let ["workbook", "sim", rest @ ..] = &segments.iter().map(String::as_str).collect::<Vec<_>>()[..]
            && rest.iter().any(|s| s.starts_with("set_") || *s == "reset")
        {
            self.refuse(
                span,
                text,
                "the `set_…` functions of the simulated services (and `reset`) set up the checks' \
                 scenarios: how long a call takes, what it answers; your code calls the services, it does \
                 not change them",
            );
            return;
        }
        if segments.first().is_some_and(|s| s == "workbook") && segments.get(1).is_some_and(|s| s != "sim") {
            self.refuse(
                span,
                text,
                "your code may use the workbook's simulated services (`workbook::sim`); the rest of \
                 `workbook` (its trace, its harness, its allowances) belongs to the checks",
            );
            return;
        }
        if glob && segments.len() == 3 && segments[..2] == ["workbook", "sim"] {
            self.refuse(
                span,
                format!("{text}::*"),
                "a glob import of a simulated service brings its `set_…` functions (the checks' set-up) into \
                 scope under their bare names; import what you use by name",
            );
            return;
        }
        if glob && matches!(segments, [root] if ["std", "tokio", "core", "workbook"].contains(&root.as_str())) {
            self.refuse(
                span,
                format!("{text}::*"),
                "a glob import of a whole crate brings modules such as `fs` into scope under their bare \
                 names; import what you use by name",
            );
        }
    }

    /// Scans the raw tokens of a macro's body (which syn does not parse) for what the
    /// rules refuse: `unsafe`, the forbidden macros and attributes, and paths.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        self.scan_tied_lifetimes(&tokens);
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => {
                    if group.delimiter() == Delimiter::Bracket
                        && i > 0
                        && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == '#' || p.as_char() == '!')
                        && let Some(TokenTree::Ident(name)) = group.stream().into_iter().next()
                    {
                        self.check_attribute_name(&name.to_string(), name.span());
                    }
                    self.scan_tokens(group.stream());
                }
                TokenTree::Ident(ident) => {
                    let name = ident.to_string();
                    if name == "unsafe" {
                        self.refuse(ident.span(), "unsafe", UNSAFE);
                    } else if name == "extern" {
                        self.refuse(ident.span(), "extern", EXTERN);
                    } else if MACROS.contains(&name.as_str())
                        && matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
                    {
                        self.refuse(ident.span(), format!("{name}!"), MACRO);
                    } else {
                        // A path: ident (:: ident)*
                        let mut segments = vec![name];
                        let mut j = i + 1;
                        while let (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(next))) =
                            (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2))
                        {
                            if a.as_char() != ':' || b.as_char() != ':' {
                                break;
                            }
                            segments.push(next.to_string());
                            j += 3;
                        }
                        if segments.len() > 1 {
                            let resolved = self.resolve(&segments);
                            self.check_path(&resolved, ident.span(), false);
                            i = j;
                            continue;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// In a macro's body (tokens, not a parsed type): a type that ties lifetimes, as
    /// [`visit_type`](Visit::visit_type) refuses it. A reference `&'o …` is read up to the
    /// end of its type (a `,`, `;`, `=` or block at its own depth), and generic arguments
    /// `X<…>` up to their `>`; the generics a `fn`, `impl` or type declares are not
    /// arguments.
    fn scan_tied_lifetimes(&mut self, tokens: &[TokenTree]) {
        let is = |i: usize, c: char| matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == c);
        let lifetime_at = |i: usize| match (tokens.get(i), tokens.get(i + 1)) {
            (Some(TokenTree::Punct(p)), Some(TokenTree::Ident(name))) if p.as_char() == '\'' => Some(name.to_string()),
            _ => None,
        };
        let declares = |i: usize| {
            let word = |j: usize, w: &str| matches!(tokens.get(j), Some(TokenTree::Ident(x)) if x == w);
            word(i.wrapping_sub(1), "impl")
                || ["fn", "struct", "enum", "trait", "type", "union"].iter().any(|w| word(i.wrapping_sub(2), w))
        };
        for start in 0..tokens.len() {
            if let (Some(TokenTree::Ident(word)), Some(TokenTree::Ident(name))) =
                (tokens.get(start), tokens.get(start + 1))
                && word == "dyn"
                && self.local_traits.contains(&name.to_string())
                && is(start + 2, '<')
                && binds_within_angles(&tokens[start + 3..])
            {
                self.refuse(tokens[start].span(), format!("dyn {name}<… = …>, in a macro"), DYN_BINDING);
            }
            let (outer, from) = if is(start, '&') {
                match lifetime_at(start + 1) {
                    Some(outer) => (Some(outer), start + 3),
                    None => continue,
                }
            } else if is(start, '<') && start > 0 && !declares(start) {
                (None, start + 1)
            } else {
                continue;
            };
            let mut depth = 0usize;
            let mut end = from;
            for token in &tokens[from.min(tokens.len())..] {
                match token {
                    TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                    TokenTree::Punct(p) if p.as_char() == '>' && depth == 0 => break,
                    TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
                    TokenTree::Punct(p) if depth == 0 && outer.is_some() && [',', ';', '='].contains(&p.as_char()) => {
                        break;
                    }
                    TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => break,
                    _ => {}
                }
                end += 1;
            }
            let mut inner = std::collections::BTreeSet::new();
            lifetimes_in(tokens[from.min(end)..end].iter().cloned().collect(), &mut inner);
            if ties(&inner, outer.as_deref()) {
                self.refuse(tokens[start].span(), "a type that ties lifetimes, in a macro", TIED_LIFETIMES);
            }
        }
    }

    fn check_attribute_name(&mut self, name: &str, span: proc_macro2::Span) {
        if name == "unsafe" {
            self.refuse(span, "#[unsafe(…)]", UNSAFE);
        } else if ATTRIBUTES.contains(&name) {
            self.refuse(span, format!("#[{name}]"), ATTRIBUTE);
        }
    }

    /// Walks a `use` tree, checking every path it names.
    fn check_use(&mut self, tree: &syn::UseTree, prefix: &[String]) {
        match tree {
            syn::UseTree::Path(path) => {
                let mut next = prefix.to_vec();
                next.push(path.ident.to_string());
                self.check_use(&path.tree, &next);
            }
            syn::UseTree::Name(name) => {
                let mut full = prefix.to_vec();
                if name.ident != "self" {
                    full.push(name.ident.to_string());
                }
                let resolved = self.resolve(&full);
                self.check_path(&resolved, name.ident.span(), false);
            }
            syn::UseTree::Rename(rename) => {
                let mut full = prefix.to_vec();
                if rename.ident != "self" {
                    full.push(rename.ident.to_string());
                }
                let resolved = self.resolve(&full);
                self.check_path(&resolved, rename.ident.span(), false);
            }
            syn::UseTree::Glob(glob) => {
                let resolved = self.resolve(prefix);
                self.check_path(&resolved, glob.star_token.spans[0], true);
            }
            syn::UseTree::Group(group) => group.items.iter().for_each(|t| self.check_use(t, prefix)),
        }
    }
}

const UNSAFE: &str = "`unsafe` code can do anything the grader can, including forging its verdict; no exercise \
                      needs it";
const EXTERN: &str = "`extern` (crates, blocks of foreign functions) reaches past the exercise's dependencies; no \
                      exercise needs it";
const MACRO: &str = "this macro reads files or the environment while your code is built, or emits machine code; no \
                     exercise needs it";
const ATTRIBUTE: &str = "this attribute loads another file or changes how symbols are linked; no exercise needs it";
const DYN_BINDING: &str = "a `dyn` of a trait of your own with its associated type set (`dyn Tr<Out = T>`) is the \
                           shape of a known hole in the compiler's checks (rust-lang/rust#57893), through which \
                           code without `unsafe` can turn any value into any type; no exercise needs it";
const TIED_LIFETIMES: &str = "a type that ties one named lifetime to another (as `&'a &'b T` ties `'b` to outlive \
                              `'a`) is the shape of a known hole in the compiler's checks (rust-lang/rust#25860), \
                              through which code without `unsafe` can use memory after it is freed; no exercise \
                              needs it: leave the lifetimes out, or name only one";

/// The named lifetimes `tokens` mention (`'_` is not a name).
fn lifetimes_in(tokens: TokenStream, into: &mut std::collections::BTreeSet<String>) {
    let mut apostrophe = false;
    for token in tokens {
        match token {
            TokenTree::Punct(p) if p.as_char() == '\'' => apostrophe = true,
            TokenTree::Ident(name) if apostrophe => {
                apostrophe = false;
                if name != "_" {
                    into.insert(name.to_string());
                }
            }
            TokenTree::Group(group) => {
                apostrophe = false;
                lifetimes_in(group.stream(), into);
            }
            _ => apostrophe = false,
        }
    }
}

/// Whether `tokens`, just after a `<`, hold an `=` before its `>` (at its own depth).
fn binds_within_angles(tokens: &[TokenTree]) -> bool {
    let mut depth = 0usize;
    for token in tokens {
        let TokenTree::Punct(p) = token else { continue };
        match p.as_char() {
            '<' => depth += 1,
            '>' if depth == 0 => return false,
            '>' => depth -= 1,
            '=' if depth == 0 => return true,
            _ => {}
        }
    }
    false
}

/// The names after `trait` in `tokens`, at any depth.
fn traits_declared(tokens: TokenStream) -> std::collections::BTreeSet<String> {
    let mut names = std::collections::BTreeSet::new();
    let mut after_trait = false;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) if after_trait => {
                names.insert(ident.to_string());
                after_trait = false;
            }
            TokenTree::Ident(ident) => after_trait = ident == "trait",
            TokenTree::Group(group) => {
                names.extend(traits_declared(group.stream()));
                after_trait = false;
            }
            _ => after_trait = false,
        }
    }
    names
}

/// Whether `lifetimes` (of one part of a type) can tie one to another: two or more, and
/// at least one not `'static` (`&'a &'static str` ties nothing: `'static` outlives all).
fn ties(lifetimes: &std::collections::BTreeSet<String>, outer: Option<&str>) -> bool {
    match outer {
        // A reference `&'o T`: some lifetime of `T` other than `'o` and `'static`.
        Some(outer) => lifetimes.iter().any(|l| l != outer && l != "static"),
        // Generic arguments: two lifetimes, one of them not `'static`.
        None => lifetimes.len() >= 2 && lifetimes.iter().any(|l| l != "static"),
    }
}

impl<'ast> Visit<'ast> for Visitor<'_> {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.check_use(&item.tree, &[]);
        syn::visit::visit_item_use(self, item);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1 {
            let resolved = self.resolve(&segments);
            let span = path.segments.first().map(|s| s.ident.span()).unwrap_or_else(proc_macro2::Span::call_site);
            self.check_path(&resolved, span, false);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if let Some(last) = mac.path.segments.last()
            && MACROS.contains(&last.ident.to_string().as_str())
        {
            self.refuse(last.ident.span(), format!("{}!", last.ident), MACRO);
        }
        self.scan_tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        if let Some(ident) = attr.path().get_ident() {
            self.check_attribute_name(&ident.to_string(), ident.span());
        }
        if let syn::Meta::List(list) = &attr.meta {
            self.scan_tokens(list.tokens.clone());
        }
        syn::visit::visit_attribute(self, attr);
    }

    fn visit_type(&mut self, ty: &'ast syn::Type) {
        use quote::ToTokens as _;
        let tied = match ty {
            syn::Type::Reference(reference) => reference.lifetime.as_ref().is_some_and(|outer| {
                let mut inner = std::collections::BTreeSet::new();
                lifetimes_in(reference.elem.to_token_stream(), &mut inner);
                ties(&inner, Some(&outer.ident.to_string()))
            }),
            syn::Type::Path(path) => path.path.segments.iter().any(|segment| {
                let mut inner = std::collections::BTreeSet::new();
                lifetimes_in(segment.arguments.to_token_stream(), &mut inner);
                ties(&inner, None)
            }),
            _ => false,
        };
        let bound_locally = match ty {
            syn::Type::TraitObject(object) => object.bounds.iter().any(|bound| {
                let syn::TypeParamBound::Trait(bound) = bound else { return false };
                bound.path.segments.last().is_some_and(|last| {
                    self.local_traits.contains(&last.ident.to_string())
                        && matches!(&last.arguments, syn::PathArguments::AngleBracketed(args)
                            if args.args.iter().any(|a| matches!(a, syn::GenericArgument::AssocType(_))))
                })
            }),
            _ => false,
        };
        if tied || bound_locally {
            let text =
                self.text.get(ty.span().byte_range()).map_or_else(|| ty.to_token_stream().to_string(), str::to_string);
            self.refuse(ty.span(), text, if tied { TIED_LIFETIMES } else { DYN_BINDING });
            return;
        }
        syn::visit::visit_type(self, ty);
    }

    fn visit_expr_unsafe(&mut self, expr: &'ast syn::ExprUnsafe) {
        self.refuse(expr.unsafe_token.span, "unsafe { … }", UNSAFE);
        syn::visit::visit_expr_unsafe(self, expr);
    }

    fn visit_signature(&mut self, sig: &'ast syn::Signature) {
        if let Some(token) = &sig.unsafety {
            self.refuse(token.span, "unsafe fn", UNSAFE);
        }
        if let Some(abi) = &sig.abi {
            self.refuse(abi.extern_token.span, "extern fn", EXTERN);
        }
        syn::visit::visit_signature(self, sig);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if let Some(token) = &item.unsafety {
            self.refuse(token.span, "unsafe impl", UNSAFE);
        }
        syn::visit::visit_item_impl(self, item);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        if let Some(token) = &item.unsafety {
            self.refuse(token.span, "unsafe trait", UNSAFE);
        }
        syn::visit::visit_item_trait(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        self.refuse(item.extern_token.span, "extern crate", EXTERN);
        syn::visit::visit_item_extern_crate(self, item);
    }

    fn visit_item_foreign_mod(&mut self, item: &'ast syn::ItemForeignMod) {
        self.refuse(item.abi.extern_token.span, "extern { … }", EXTERN);
        syn::visit::visit_item_foreign_mod(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_none() {
            self.refuse(
                item.mod_token.span,
                format!("mod {};", item.ident),
                "a module in a file of its own is not part of your exercise's files, so it is never \
                 checked or graded; write the module inline (`mod name { … }`) or in this file",
            );
        }
        syn::visit::visit_item_mod(self, item);
    }
}

/// The lesson for a refused file: every refusal, then what to do.
pub fn lesson(refusals: &[Refusal]) -> String {
    let mut text = String::from(
        "Your code was not built: it uses things this exercise does not allow, so the grader \
         refuses to run it.\n",
    );
    for r in refusals {
        text.push_str(&format!("  {}:{}: `{}`: {}.\n", r.file, r.line, r.what, r.why));
    }
    text.push_str("Remove them and check again.");
    text
}

#[cfg(test)]
mod tests {
    use super::refusals;

    fn refused(text: &str) -> Vec<(usize, String)> {
        refusals(&[], &[("src/x.rs".to_string(), text.to_string())]).into_iter().map(|r| (r.line, r.what)).collect()
    }

    #[test]
    fn ordinary_async_code_is_not_refused() {
        let code = "//! unsafe std::fs in a comment\nuse std::sync::Arc;\nuse tokio::sync::Mutex;\nuse workbook::sim::web;\n\
                    /// `std::env::var` in a doc\npub async fn f() -> &'static str { let _ = Arc::new(Mutex::new(1)); \"std::process::exit\" }\n\
                    macro_rules! twice { ($e:expr) => { ($e, $e) }; }\n";
        assert_eq!(refused(code), []);
    }

    #[test]
    fn unsafe_in_every_form_is_refused() {
        let code = "fn a() { unsafe { } }\nunsafe fn b() {}\nstruct S;\nunsafe impl Send for S {}\n\
                    macro_rules! m { () => { unsafe { } } }\n#[unsafe(no_mangle)]\nfn c() {}\n";
        let lines: Vec<usize> = refused(code).into_iter().map(|(line, _)| line).collect();
        for line in [1, 2, 4, 5, 6] {
            assert!(lines.contains(&line), "line {line} not refused: {lines:?}");
        }
    }

    #[test]
    fn the_operating_system_is_refused_through_renames_groups_and_globs() {
        assert_eq!(refused("fn f() { std::fs::read(\"x\"); }")[0].1, "std::fs::read");
        assert_eq!(refused("use std::{fs, io};")[0].1, "std::fs");
        assert_eq!(refused("use std as s;\nfn f() { s::env::var(\"HOME\"); }")[0], (2, "std::env::var".to_string()));
        assert_eq!(refused("use std::process as p;\nfn f() { p::exit(0) }")[0].1, "std::process");
        assert_eq!(refused("use std::*;")[0].1, "std::*");
        assert_eq!(
            refused("fn f() { ::tokio::net::TcpStream::connect(\"x\"); }")[0].1,
            "tokio::net::TcpStream::connect"
        );
        assert_eq!(refused("macro_rules! m { () => { std::os::raw::c_int } }")[0].1, "std::os::raw::c_int");
    }

    /// The compiler hole of rust-lang/rust#25860 (safe code that reads freed memory, as
    /// the cve-rs crate does) needs a type that ties one lifetime to another; such types
    /// are refused wherever they stand, and lifetimes that tie nothing are not.
    #[test]
    fn types_that_tie_lifetimes_are_refused() {
        let translator = "const UNIT: &&() = &&();\n\
                          fn translate<'a, 'b, T: ?Sized>(_w: &'a &'b (), v: &'b T) -> &'a T { v }\n\
                          fn extend<'a, 'b, T: ?Sized>(x: &'a T) -> &'b T {\n\
                          let f: for<'x> fn(_, &'x T) -> &'b T = translate;\n    f(UNIT, x)\n}\n";
        let found = refused(translator);
        assert_eq!(found[0], (2, "&'a &'b ()".to_string()), "{found:?}");
        // One lifetime and `'static` are enough: `'a` is tied to outlive everything.
        assert_eq!(refused("fn t<'a, T>(_w: &'static &'a (), v: &'a T) -> &'static T { v }")[0].0, 1);
        assert_eq!(
            refused("struct W<'a, T: 'a>(&'a T);\nfn t<'b>(_: W<'static, &'b ()>) {}")[0],
            (2, "W<'static, &'b ()>".to_string())
        );
        assert_eq!(refused("fn t<'a, 'b>(_: &'a Holder<'b>) {}").len(), 1);
        // Hidden in a macro's body.
        let hidden = "macro_rules! m { () => { fn t<'a, 'b, T>(_: &'a &'b (), v: &'b T) -> &'a T { v } } }";
        assert_eq!(refused(hidden)[0].0, 1);
        let hidden = "macro_rules! m { () => { fn t<'b>(_: W<'static, &'b ()>) {} } }";
        assert_eq!(refused(hidden)[0].0, 1);
        // What ties nothing.
        for fine in [
            "fn start<'a>(urls: &[&'a str]) -> Vec<Fetch<'a>> { todo!() }",
            "fn longer<'a, 'b>(x: &'a str, _y: &'b str) -> &'a str { x }",
            "fn names<'a>(all: &'a [&'static str]) -> &'a str { all[0] }",
            "type Fetch<'a> = Pin<Box<dyn Future<Output = Page> + 'a>>;",
            "fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> { todo!() }",
            "macro_rules! m { () => { fn f<'a, 'b>(x: &'a str, _y: &'b str) -> &'a str { x } } }",
        ] {
            assert_eq!(refused(fine), [], "{fine}");
        }
    }

    /// The services' set-up is the checks': a learner's `web::set_latency("/slow", 0)` would
    /// change the scenario under its own answer.
    #[test]
    fn the_services_set_up_is_refused_however_it_is_named() {
        assert_eq!(
            refused("fn f() { workbook::sim::web::set_latency(\"/a\", d) }")[0].1,
            "workbook::sim::web::set_latency"
        );
        assert_eq!(
            refused("use workbook::sim::web;\nfn f() { web::set_failure(\"/a\", d, 500) }")[0],
            (2, "workbook::sim::web::set_failure".to_string())
        );
        assert_eq!(
            refused("use workbook::sim::{self, jobs::{self, Photo}};\nfn f() { jobs::set_resize_time(p, d); }")[0].0,
            2
        );
        assert_eq!(refused("use workbook::sim::web::set_body as body;")[0].1, "workbook::sim::web::set_body");
        assert_eq!(refused("use workbook::sim::flaky::*;")[0].1, "workbook::sim::flaky::*");
        assert_eq!(refused("use workbook::sim;\nfn f() { sim::reset(); }")[0].1, "workbook::sim::reset");
        // Calling the services, and reading what they served, is the exercise.
        let fine = "use workbook::sim::web::{self, Page};\nuse workbook::sim::station;\n\
                    async fn f() { let _ = web::fetch_page(\"/a\").await; let _ = station::forecasts_served(); }\n\
                    fn set_up() { let settings = 1; let _ = settings; }";
        assert_eq!(refused(fine), []);
    }

    /// rust-lang/rust#57893: a blanket impl of a trait with an associated type also covers
    /// `dyn Trait<Assoc = X>`, whose own `Assoc` is X, and safe code transmutes with it.
    #[test]
    fn a_dyn_of_an_own_trait_with_its_type_set_is_refused() {
        let transmute = "trait Object<U> { type Output; }\n\
                         impl<T: ?Sized, U> Object<U> for T { type Output = U; }\n\
                         fn foo<T: ?Sized, U>(x: <T as Object<U>>::Output) -> U { x }\n\
                         fn transmute<T, U>(x: T) -> U { foo::<dyn Object<U, Output = T>, U>(x) }\n";
        assert_eq!(refused(transmute), [(4, "dyn Object<U, Output = T>".to_string())]);
        let hidden = "macro_rules! m { () => { trait Object<U> { type Output; }\n\
                      fn t<T, U>(x: T) -> U { foo::<dyn Object<U, Output = T>, U>(x) } } }";
        assert_eq!(refused(hidden)[0].0, 2);
        for fine in [
            "type Job = Pin<Box<dyn Future<Output = u32> + Send>>;",
            "trait Shape { fn area(&self) -> f64; }\nfn all(s: &[Box<dyn Shape>]) {}",
            "fn f(x: Box<dyn Iterator<Item = u8>>) {}",
        ] {
            assert_eq!(refused(fine), [], "{fine}");
        }
    }

    #[test]
    fn an_allowed_module_is_not_refused() {
        let allowed = ["std::fs".to_string()];
        let files = [("src/x.rs".to_string(), "fn f() { std::fs::read(\"x\"); std::env::var(\"x\"); }".to_string())];
        let found = refusals(&allowed, &files);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].what, "std::env::var");
    }

    #[test]
    fn files_and_the_environment_at_build_time_are_refused() {
        for code in [
            "const S: &str = include_str!(\"/etc/passwd\");",
            "const S: &str = core::include_str!(\"x\");",
            "const H: &str = env!(\"HOME\");",
            "#[path = \"../../solutions/04-gather/gather.rs\"] mod r;",
            "mod elsewhere;",
            "extern crate std as s;",
            "extern \"C\" { fn write(); }",
            "fn f() { std::arch::asm!(\"nop\"); }",
        ] {
            assert!(!refused(code).is_empty(), "{code} was not refused");
        }
    }

    #[test]
    fn the_workbook_beyond_its_services_is_refused() {
        assert_eq!(
            refused("use workbook::sim::web;\nuse workbook::trace::note;")[0],
            (2, "workbook::trace::note".to_string())
        );
        assert_eq!(refused("fn f() { workbook::allow_timer_wakeups(9); }")[0].1, "workbook::allow_timer_wakeups");
    }
}
