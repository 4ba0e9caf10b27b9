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
//! `exercise.toml` allows it; and the support crate beyond its simulated services
//! (`workbook::sim`): its trace, harness and allowances are the checks', not the
//! learner's.
//!
//! Paths are followed through renames (`use std as s;` then `s::fs`), grouped imports
//! (`use std::{fs, io}`), globs (`use std::*` is refused: it would bring `fs` into
//! scope unnamed) and macro bodies (their tokens are scanned too).

use std::collections::BTreeMap;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
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
        let mut visitor = Visitor { file, allowed, aliases: BTreeMap::new(), found: Vec::new() };
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
            syn::UseTree::Name(_) | syn::UseTree::Glob(_) => {}
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
        if segments.first().is_some_and(|s| s == "workbook") && segments.get(1).is_some_and(|s| s != "sim") {
            self.refuse(
                span,
                text,
                "your code may use the workbook's simulated services (`workbook::sim`); the rest of \
                 `workbook` (its trace, its harness, its allowances) belongs to the checks",
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
