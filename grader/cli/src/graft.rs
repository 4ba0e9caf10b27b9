//! Answer fixtures that say how they differ from another file instead of copying it.
//! A fixture whose header says `//! grader: replaces items` holds only what it changes:
//! `verify` grafts it onto the exercise's reference solution before building it. Each
//! top-level item of the fixture replaces the solution's item of the same name and
//! namespace (`fn`, `const` and `static` by name; `struct`, `enum`, `union`, `type`,
//! `trait` and `mod` by name; `macro_rules!` by name; `impl X` and `impl Trait for X` by
//! trait and self type, then, under the same header and for a type the fixture does not
//! define anew, method by method), with the `//` comments just above it; an item the
//! solution lacks is appended. The fixture's `use` lines are added after the solution's (an identical one
//! once); a solution `use` whose every name the fixture imports again is left out.
//! Everything else keeps the solution's text, comments and formatting, under the
//! fixture's `//!` header.
//!
//! Two more directives (see [`Directive`]) serve a fixture that is a variant of another
//! answer rather than of the solution: `//! grader: based on <fixture>` grafts onto that
//! fixture (itself assembled first) instead of the solution, and
//! ``//! grader: replaces `<old>` with `<new>` `` changes one piece of a line after the
//! graft. [`assemble`] builds the whole file from them.
//!
//! [`shrink`] goes the other way: a whole-file fixture cut down to the items that differ
//! from the solution's, where grafting them gives back the same items
//! (`grader verify NN --shrink-fixtures`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::ops::Range;

use anyhow::{Context as _, Result, bail};
use syn::spanned::Spanned as _;

use crate::config::Config;
use crate::exercise;
use crate::exit::Outcome;

/// The header directive of a fixture that holds only the items it changes.
pub const DIRECTIVE: &str = "replaces items";

/// Whether `text`'s header (its `//!` lines at the very top) makes it a graft: it says
/// `//! grader: replaces items`, `based on …` or ``replaces `…` with `…` ``.
pub fn replaces_items(text: &str) -> bool {
    header_directives(text).any(|d| matches!(parse_directive(d), Some(Ok(_))))
}

/// The text after `grader:` of each `//!` line at the very top of `text`.
fn header_directives(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .take_while(|l| l.starts_with("//!"))
        .filter_map(|l| l.trim_start_matches("//!").trim().strip_prefix("grader:").map(str::trim))
}

/// A header directive that says what a fixture is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// `replaces items`: the file's items replace the solution's.
    ReplacesItems,
    /// `based on <fixture>`: the file's items (it may hold none) replace those of another
    /// answer fixture of the same folder, named by its file name with or without `.rs`.
    BasedOn(String),
    /// ``replaces `<old>` with `<new>` ``: after the graft, the one place that reads `old`
    /// (within a line) reads `new`.
    Replaces { old: String, new: String },
}

/// `directive` (a header line's text after `grader:`) read as a [`Directive`]; `None` for
/// a directive of another kind, an error for one of these written wrongly.
pub fn parse_directive(directive: &str) -> Option<Result<Directive>> {
    if directive == DIRECTIVE {
        return Some(Ok(Directive::ReplacesItems));
    }
    if let Some(name) = directive.strip_prefix("based on") {
        let name = name.trim();
        let name = name.strip_suffix(".rs").unwrap_or(name);
        let name = name.strip_prefix("answers/").unwrap_or(name);
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(Err(anyhow::anyhow!(
                "`grader: {directive}` names no fixture (hint: write `//! grader: based on <fixture>`, with the file \
                 name of another answer in this folder, such as `based on sequential`)"
            )));
        }
        return Some(Ok(Directive::BasedOn(name.to_string())));
    }
    let rest = directive.strip_prefix("replaces ")?.trim();
    let parsed = rest
        .strip_prefix('`')
        .and_then(|r| r.strip_suffix('`'))
        .and_then(|r| r.split_once("` with `"))
        .filter(|(old, new)| !old.is_empty() && !old.contains('`') && !new.contains('`'));
    Some(match parsed {
        Some((old, new)) => Ok(Directive::Replaces { old: old.to_string(), new: new.to_string() }),
        None => Err(anyhow::anyhow!(
            "`grader: {directive}` is not a replacement the grader can read (hint: write \
             ``//! grader: replaces `<old>` with `<new>` ``, each text in backticks, within one line)"
        )),
    })
}

/// The graft directives of `text`'s header, in order. Errors name the line.
fn directives(text: &str) -> Result<Vec<Directive>> {
    let mut out = Vec::new();
    for directive in header_directives(text) {
        if let Some(parsed) = parse_directive(directive) {
            out.push(parsed?);
        }
    }
    let bases = out.iter().filter(|d| matches!(d, Directive::BasedOn(_))).count();
    if bases > 1 {
        bail!("its header names more than one base (hint: a fixture is `based on` one other fixture at most)");
    }
    Ok(out)
}

/// The whole learner file that the answer fixture `name` (its file stem) in `answers`
/// stands for, with its text `text`: `text` itself for a whole-file fixture, else its
/// items grafted onto its base (the `solution`'s text, or the fixture it is based on,
/// itself assembled), then its replacements made. A base that leads back to the fixture
/// is an error, as is a replacement whose old text is not in the file exactly once.
pub fn assemble(solution: &str, answers: &std::path::Path, name: &str, text: &str) -> Result<String> {
    assemble_chain(solution, answers, text, &mut vec![name.to_string()])
}

/// The text a fixture with these `directives` is grafted onto: the `solution`, or the
/// answer it is `based on`, itself assembled. `chain` holds the fixtures on the way
/// here, so that a circle is named.
fn base_of(
    solution: &str,
    answers: &std::path::Path,
    directives: &[Directive],
    chain: &mut Vec<String>,
) -> Result<String> {
    let Some(name) = directives.iter().find_map(|d| match d {
        Directive::BasedOn(name) => Some(name),
        _ => None,
    }) else {
        return Ok(solution.to_string());
    };
    if chain.contains(name) {
        chain.push(name.clone());
        bail!(
            "its bases go round in a circle: {} (hint: one of them must be based on the solution)",
            chain.join(" → ")
        );
    }
    let path = answers.join(format!("{name}.rs"));
    let base_text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "it is based on `{name}`, but there is no {} (hint: name another answer of this folder)",
            path.display()
        )
    })?;
    chain.push(name.clone());
    let assembled = assemble_chain(solution, answers, &base_text, chain)
        .with_context(|| format!("in its base, {}", path.display()))?;
    chain.pop();
    Ok(assembled)
}

fn assemble_chain(solution: &str, answers: &std::path::Path, text: &str, chain: &mut Vec<String>) -> Result<String> {
    let directives = directives(text)?;
    if directives.is_empty() {
        return Ok(text.to_string());
    }
    let base = base_of(solution, answers, &directives, chain)?;
    let mut out = graft(&base, text)?;
    let body_start = header_end(&out);
    for directive in &directives {
        let Directive::Replaces { old, new } = directive else { continue };
        let found = out[body_start..].matches(old.as_str()).count();
        if found != 1 {
            bail!(
                "the file it replaces text in holds `{old}` {} (hint: a `grader: replaces` directive changes one \
                 place; quote enough of its line that the text stands there only)",
                if found == 0 { "nowhere".to_string() } else { format!("{found} times") }
            );
        }
        let at = body_start + out[body_start..].find(old.as_str()).expect("counted");
        out.replace_range(at..at + old.len(), new);
    }
    Ok(out)
}

/// What an item is matched by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Use,
    /// `struct`, `enum`, `union`, `type`, `trait`, `mod`.
    Type(String),
    /// `fn`, `const`, `static`.
    Value(String),
    /// `macro_rules! name`.
    Macro(String),
    Impl {
        of_trait: Option<String>,
        self_ty: String,
    },
    /// Anything else, by its tokens (a macro call at the top level).
    Other(String),
}

impl Key {
    fn describe(&self) -> String {
        match self {
            Key::Use => "use".to_string(),
            Key::Type(name) | Key::Value(name) => format!("`{name}`"),
            Key::Macro(name) => format!("`macro_rules! {name}`"),
            Key::Impl { of_trait: None, self_ty } => format!("`impl {self_ty}`"),
            Key::Impl { of_trait: Some(t), self_ty } => format!("`impl {t} for {self_ty}`"),
            Key::Other(tokens) => format!("`{tokens}`"),
        }
    }
}

/// One top-level item of a file.
#[derive(Debug)]
struct Piece {
    key: Key,
    /// From its first leading `//` comment (or its first attribute) to its end.
    region: Range<usize>,
    /// Its tokens, doc comments included, as text.
    tokens: String,
    /// Its tokens without doc comments: what "the same item" means.
    code: String,
    /// For a `use`: the names it brings into scope.
    names: BTreeSet<String>,
    /// For a `use`: its visibility and each name's path, to write it again without some.
    leaves: (String, Vec<Leaf>),
}

/// One name of a `use` tree: `prefix::text`, binding `binds`.
#[derive(Debug)]
struct Leaf {
    prefix: String,
    text: String,
    binds: Option<String>,
}

/// A Rust file read into its header and items.
#[derive(Debug)]
struct Parsed<'a> {
    text: &'a str,
    /// Where the `//!` lines at the top end.
    header_end: usize,
    pieces: Vec<Piece>,
}

/// The tokens of `text` within `span`, as one spacing writes them.
fn tokens_of(text: &str, span: proc_macro2::Span) -> String {
    let source = &text[span.byte_range()];
    source.parse::<proc_macro2::TokenStream>().map_or_else(|_| source.to_string(), |t| t.to_string())
}

/// `tokens` without doc comments (`#[doc = …]`, `///`, `//!`).
fn strip_docs(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    use proc_macro2::TokenTree;
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let is_doc = |tree: Option<&TokenTree>| {
        matches!(tree, Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Bracket
            && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc"))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < trees.len() {
        if matches!(&trees[i], TokenTree::Punct(p) if p.as_char() == '#') {
            let bang = matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
            let at = i + 1 + usize::from(bang);
            if is_doc(trees.get(at)) {
                i = at + 1;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => TokenTree::Group(proc_macro2::Group::new(g.delimiter(), strip_docs(g.stream()))),
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

/// The code of `text` within `span`: its tokens without doc comments (`#[doc = …]`).
fn code_of(text: &str, span: proc_macro2::Span) -> String {
    let source = &text[span.byte_range()];
    source.parse::<proc_macro2::TokenStream>().map_or_else(|_| source.to_string(), |t| strip_docs(t).to_string())
}

fn key_of(text: &str, item: &syn::Item) -> Key {
    use syn::Item;
    let type_path = |ty: &syn::Type| tokens_of(text, ty.span());
    match item {
        Item::Use(_) => Key::Use,
        Item::Fn(f) => Key::Value(f.sig.ident.to_string()),
        Item::Const(c) => Key::Value(c.ident.to_string()),
        Item::Static(s) => Key::Value(s.ident.to_string()),
        Item::Struct(s) => Key::Type(s.ident.to_string()),
        Item::Enum(e) => Key::Type(e.ident.to_string()),
        Item::Union(u) => Key::Type(u.ident.to_string()),
        Item::Type(t) => Key::Type(t.ident.to_string()),
        Item::Trait(t) => Key::Type(t.ident.to_string()),
        Item::TraitAlias(t) => Key::Type(t.ident.to_string()),
        Item::Mod(m) => Key::Type(m.ident.to_string()),
        Item::Macro(m) if m.ident.is_some() => Key::Macro(m.ident.as_ref().expect("named").to_string()),
        Item::Impl(i) => Key::Impl {
            of_trait: i.trait_.as_ref().map(|(bang, path, _)| {
                let path = tokens_of(text, path.span());
                if bang.is_some() { format!("!{path}") } else { path }
            }),
            self_ty: type_path(&i.self_ty),
        },
        other => Key::Other(tokens_of(text, other.span())),
    }
}

/// The names a `use` tree brings into scope (a glob brings none we can name), each with
/// its path.
fn use_leaves(tree: &syn::UseTree, prefix: &mut Vec<String>, into: &mut Vec<Leaf>) {
    let path = |prefix: &Vec<String>| prefix.join("::");
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_leaves(&p.tree, prefix, into);
            prefix.pop();
        }
        syn::UseTree::Name(name) if name.ident == "self" => {
            into.push(Leaf { prefix: path(prefix), text: "self".into(), binds: prefix.last().cloned() })
        }
        syn::UseTree::Name(name) => {
            into.push(Leaf { prefix: path(prefix), text: name.ident.to_string(), binds: Some(name.ident.to_string()) })
        }
        syn::UseTree::Rename(rename) => into.push(Leaf {
            prefix: path(prefix),
            text: format!("{} as {}", rename.ident, rename.rename),
            binds: (rename.rename != "_").then(|| rename.rename.to_string()),
        }),
        syn::UseTree::Glob(_) => into.push(Leaf { prefix: path(prefix), text: "*".into(), binds: None }),
        syn::UseTree::Group(group) => group.items.iter().for_each(|t| use_leaves(t, prefix, into)),
    }
}

/// Every name the `use` lines of a file import, by its path: `(prefix, leaf)`.
fn leaves_of(parsed: &Parsed) -> BTreeSet<(String, String)> {
    parsed.pieces.iter().flat_map(|p| &p.leaves.1).map(|l| (l.prefix.clone(), l.text.clone())).collect()
}

/// `use` lines for `leaves`, one a path, as `{vis}use prefix::{a, b};`.
fn write_uses(vis: &str, leaves: &[&Leaf]) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for leaf in leaves {
        match groups.iter_mut().find(|(prefix, _)| *prefix == leaf.prefix) {
            Some((_, texts)) => texts.push(&leaf.text),
            None => groups.push((&leaf.prefix, vec![&leaf.text])),
        }
    }
    let lines: Vec<String> = groups
        .into_iter()
        .map(|(prefix, texts)| match texts.as_slice() {
            ["self"] => format!("{vis}use {prefix};"),
            [one] => format!("{vis}use {prefix}::{one};"),
            _ => format!("{vis}use {prefix}::{{{}}};", texts.join(", ")),
        })
        .collect();
    lines.join("\n")
}

/// The end of the `//!` lines at the top of `text`.
fn header_end(text: &str) -> usize {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with("//!") {
            break;
        }
        end += line.len();
    }
    end
}

fn parse(text: &str) -> Result<Parsed<'_>> {
    let file = syn::parse_file(text).map_err(|e| {
        let at = e.span().start();
        anyhow::anyhow!("it does not parse as Rust (line {}: {e})", at.line)
    })?;
    let header_end = header_end(text);
    let mut after = header_end;
    for attr in &file.attrs {
        let is_doc = attr.path().is_ident("doc");
        let range = attr.span().byte_range();
        if !is_doc || range.start >= header_end {
            bail!(
                "its inner attribute `{}` is not one of the `//!` lines at the top (hint: a fixture that replaces \
                 items holds a header and items only; put the attribute on an item, or make it a whole file)",
                tokens_of(text, attr.span())
            );
        }
        after = after.max(range.end);
    }
    let mut pieces = Vec::new();
    for item in &file.items {
        let span = item.span().byte_range();
        // What lies between the last item and this one: its leading comments start on the
        // first line after the one the last item ends on that holds anything.
        let gap = &text[after..span.start];
        let next_line = gap.find('\n').map_or(gap.len(), |i| i + 1);
        let leading = gap[next_line..]
            .find(|c: char| !c.is_whitespace())
            .map(|i| {
                let at = next_line + i;
                after + gap[..at].rfind('\n').map_or(0, |n| n + 1)
            })
            .unwrap_or(span.start);
        let region = leading.min(span.start)..span.end;
        let mut leaves = (String::new(), Vec::new());
        if let syn::Item::Use(u) = item {
            if !matches!(u.vis, syn::Visibility::Inherited) {
                leaves.0 = format!("{} ", tokens_of(text, u.vis.span()));
            }
            let mut prefix = Vec::new();
            if u.leading_colon.is_some() {
                prefix.push(String::new());
            }
            use_leaves(&u.tree, &mut prefix, &mut leaves.1);
        }
        let names = leaves.1.iter().filter_map(|l| l.binds.clone()).collect();
        pieces.push(Piece {
            key: key_of(text, item),
            tokens: tokens_of(text, item.span()),
            code: code_of(text, item.span()),
            names,
            leaves,
            region,
        });
        after = span.end;
    }
    Ok(Parsed { text, header_end, pieces })
}

impl Parsed<'_> {
    fn text_of(&self, piece: &Piece) -> &str {
        &self.text[piece.region.clone()]
    }
}

/// `answer` (a fixture that replaces items) grafted onto `solution`: the solution's file
/// under the answer's header, with the answer's items in place of the solution's of the
/// same name, the rest appended, and its `use` lines added.
pub fn graft(solution: &str, answer: &str) -> Result<String> {
    let base = parse(solution).context("the solution can't take a graft")?;
    let ours = parse(answer)?;

    let mut seen: Vec<&Key> = Vec::new();
    for piece in ours.pieces.iter().filter(|p| p.key != Key::Use) {
        if seen.contains(&&piece.key) {
            bail!("it holds {} twice (hint: an answer that replaces items holds each item once)", piece.key.describe());
        }
        seen.push(&piece.key);
    }
    // The answer's `use` lines: those the solution already has are not repeated.
    let new_uses: Vec<&Piece> = ours
        .pieces
        .iter()
        .filter(|p| p.key == Key::Use && !base.pieces.iter().any(|b| b.key == Key::Use && b.tokens == p.tokens))
        .collect();
    let imported: BTreeSet<&String> = new_uses.iter().flat_map(|p| &p.names).collect();

    enum Action<'t> {
        Keep,
        Replace(&'t str),
        /// An `impl` with the answer's methods in place of the base's of the same name.
        Merged(String),
        /// A `use` written again without the names the answer imports.
        Rewrite(String),
        Drop,
    }
    let mut actions = Vec::new();
    let mut replaced: Vec<&Key> = Vec::new();
    for piece in &base.pieces {
        if piece.key == Key::Use {
            let again: Vec<&String> = piece.names.iter().filter(|n| imported.contains(n)).collect();
            if !again.is_empty() && again.len() == piece.names.len() {
                actions.push(Action::Drop);
            } else if !again.is_empty() {
                let (vis, leaves) = &piece.leaves;
                let rest: Vec<&Leaf> =
                    leaves.iter().filter(|l| l.binds.as_ref().is_none_or(|b| !imported.contains(b))).collect();
                actions.push(Action::Rewrite(write_uses(vis, &rest)));
            } else {
                actions.push(Action::Keep);
            }
            continue;
        }
        let ours_piece = ours.pieces.iter().find(|p| p.key == piece.key);
        if let Some(ours_piece) = ours_piece {
            if replaced.contains(&&piece.key) {
                bail!(
                    "the solution holds {} twice, so the grader can't tell which one it replaces (hint: write \
                     the whole file without `//! grader: {DIRECTIVE}`)",
                    piece.key.describe()
                );
            }
            replaced.push(&piece.key);
            let text = ours.text_of(ours_piece);
            match &piece.key {
                // An `impl` under the same header replaces the base's methods one by one,
                // unless the answer defines its type anew (the base's methods would read
                // fields that are gone).
                Key::Impl { self_ty, .. }
                    if !ours.pieces.iter().any(
                        |p| matches!(&p.key, Key::Type(name) if self_ty.split([' ', '<']).next() == Some(name)),
                    ) =>
                {
                    match merge_impl(base.text_of(piece), text) {
                        Some(merged) => actions.push(Action::Merged(merged)),
                        None => actions.push(Action::Replace(text)),
                    }
                }
                _ => actions.push(Action::Replace(text)),
            }
        } else {
            actions.push(Action::Keep);
        }
    }

    let mut out = String::from(&answer[..ours.header_end]);
    let mut cursor = base.header_end;
    // Where the new `use` lines go: after the solution's last one, else before its first
    // item.
    let last_use = base.pieces.iter().rposition(|p| p.key == Key::Use);
    let uses_text: String = new_uses.iter().map(|p| format!("{}\n", ours.text_of(p))).collect();
    if last_use.is_none() && !uses_text.is_empty() {
        out.push_str(&solution[cursor..base.pieces.first().map_or(cursor, |p| p.region.start)]);
        cursor = base.pieces.first().map_or(cursor, |p| p.region.start);
        out.push_str(&uses_text);
        out.push('\n');
    }
    for (i, (piece, action)) in base.pieces.iter().zip(&actions).enumerate() {
        out.push_str(&solution[cursor..piece.region.start]);
        cursor = piece.region.end;
        match action {
            Action::Keep => out.push_str(base.text_of(piece)),
            Action::Replace(text) => out.push_str(text),
            Action::Rewrite(text) | Action::Merged(text) => out.push_str(text),
            Action::Drop => {
                if solution[cursor..].starts_with('\n') {
                    cursor += 1;
                }
            }
        }
        if Some(i) == last_use && !uses_text.is_empty() {
            if !matches!(action, Action::Drop) {
                out.push('\n');
            }
            out.push_str(uses_text.trim_end_matches('\n'));
            if matches!(action, Action::Drop) {
                out.push('\n');
            }
        }
    }
    out.push_str(&solution[cursor..]);
    for piece in ours.pieces.iter().filter(|p| p.key != Key::Use && !replaced.contains(&&p.key)) {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        out.push_str(ours.text_of(piece));
        out.push('\n');
    }
    Ok(out)
}

/// The `impl` `base` with the items of the `impl` `ours` (the same header) in place of
/// its items of the same name and kind, and the others added at its end; `None` where
/// the headers differ (other generics or bounds) or either does not parse: then `ours`
/// replaces it whole.
fn merge_impl(base: &str, ours: &str) -> Option<String> {
    let (Ok(base_impl), Ok(ours_impl)) = (syn::parse_str::<syn::ItemImpl>(base), syn::parse_str::<syn::ItemImpl>(ours))
    else {
        return None;
    };
    let header = |text: &str, item: &syn::ItemImpl| {
        let open = item.brace_token.span.open().byte_range().start;
        let start = item.impl_token.span.byte_range().start;
        text.get(start..open).map(|h| h.parse::<proc_macro2::TokenStream>().map(|t| t.to_string()).ok())
    };
    if header(base, &base_impl)? != header(ours, &ours_impl)? || base_impl.attrs.len() != ours_impl.attrs.len() {
        return None;
    }
    // Each item from its first leading `//` comment, as for top-level items.
    type Regions = Vec<((u8, String), std::ops::Range<usize>)>;
    let regions = |text: &str, item: &syn::ItemImpl| -> Option<Regions> {
        let mut after = item.brace_token.span.open().byte_range().end;
        let mut out = Vec::new();
        for inner in &item.items {
            let span = inner.span().byte_range();
            let gap = text.get(after..span.start)?;
            // From the start of the line of its first leading comment, or of its own line.
            let first =
                gap.find("//").filter(|at| !gap[..*at].contains(['}', ';'])).map_or(span.start, |at| after + at);
            let line_start = text[..first].rfind('\n').map_or(0, |n| n + 1);
            let leading = if text[line_start..first].trim().is_empty() { line_start } else { first };
            out.push((impl_item_name(inner)?, leading.max(after)..span.end));
            after = span.end;
        }
        Some(out)
    };
    let base_items = regions(base, &base_impl)?;
    let ours_items = regions(ours, &ours_impl)?;
    let mut out = String::new();
    let mut cursor = 0;
    for (key, range) in &base_items {
        out.push_str(&base[cursor..range.start]);
        cursor = range.end;
        match ours_items.iter().find(|(k, _)| k == key) {
            Some((_, theirs)) => out.push_str(&ours[theirs.clone()]),
            None => out.push_str(&base[range.clone()]),
        }
    }
    let close = base_impl.brace_token.span.close().byte_range().start;
    let body_end = base[..close].trim_end().len();
    out.push_str(&base[cursor..body_end]);
    for (key, range) in &ours_items {
        if !base_items.iter().any(|(k, _)| k == key) {
            out.push_str("\n\n");
            out.push_str(&ours[range.clone()]);
        }
    }
    out.push_str(&base[body_end..]);
    Some(out)
}

/// `answer` (a whole-file fixture) cut down to its header, the directive, and the items
/// whose code (doc comments aside) differs from `solution`'s, where grafting those onto
/// the solution gives back the answer's code: the same items, its `use` lines among the
/// solution's, and at most items of the solution's that can only go unused (a `fn`,
/// `const`, `static` or type the answer leaves out). `None` where that can't be: the
/// answer leaves out an `impl` or a macro, does not parse, or changes every item anyway.
pub fn shrink(solution: &str, answer: &str) -> Result<Option<String>> {
    if replaces_items(answer) {
        return Ok(None);
    }
    let (Ok(base), Ok(ours)) = (parse(solution), parse(answer)) else { return Ok(None) };
    // An item of the solution's the answer leaves out comes back in the graft: only
    // where it can do nothing but go unused.
    let left_out: Vec<&Piece> =
        base.pieces.iter().filter(|b| b.key != Key::Use && !ours.pieces.iter().any(|o| o.key == b.key)).collect();
    let unused = |key: &Key| match key {
        Key::Value(_) | Key::Type(_) => true,
        // An `impl` of a type the answer leaves out too.
        Key::Impl { self_ty, .. } => {
            left_out.iter().any(|b| matches!(&b.key, Key::Type(name) if self_ty.split([' ', '<']).next() == Some(name)))
        }
        _ => false,
    };
    if left_out.iter().any(|b| !unused(&b.key)) {
        return Ok(None);
    }
    let kept: Vec<&Piece> =
        ours.pieces.iter().filter(|o| !base.pieces.iter().any(|b| b.key == o.key && b.code == o.code)).collect();
    let items_kept = kept.iter().filter(|p| p.key != Key::Use).count();
    let items_all = ours.pieces.iter().filter(|p| p.key != Key::Use).count();
    if kept.is_empty() || items_kept == items_all {
        // Nothing differs but the header (leave it alone), or everything does.
        return Ok(None);
    }
    let mut out = String::from(&answer[..ours.header_end]);
    out.push_str(&format!("//! grader: {DIRECTIVE}\n"));
    // Of its `use` lines, the names the solution does not import as they are.
    let theirs = leaves_of(&base);
    let uses: Vec<String> = kept
        .iter()
        .filter(|p| p.key == Key::Use)
        .filter_map(|p| {
            let new: Vec<&Leaf> =
                p.leaves.1.iter().filter(|l| !theirs.contains(&(l.prefix.clone(), l.text.clone()))).collect();
            match new.len() {
                0 => None,
                n if n == p.leaves.1.len() => Some(ours.text_of(p).to_string()),
                _ => Some(write_uses(&p.leaves.0, &new)),
            }
        })
        .collect();
    if !uses.is_empty() {
        out.push('\n');
        for text in uses {
            out.push_str(&text);
            out.push('\n');
        }
    }
    for piece in kept.iter().filter(|p| p.key != Key::Use) {
        out.push('\n');
        out.push_str(ours.text_of(piece));
        out.push('\n');
    }
    // The proof: the graft holds the answer's items and the ones left out, and its `use`
    // lines among others.
    let Ok(grafted) = graft(solution, &out) else { return Ok(None) };
    let Ok(back) = parse(&grafted) else { return Ok(None) };
    let items = |pieces: &mut dyn Iterator<Item = &Piece>| -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for piece in pieces.filter(|p| p.key != Key::Use) {
            *counts.entry(piece.code.clone()).or_default() += 1;
        }
        counts
    };
    if items(&mut back.pieces.iter()) != items(&mut ours.pieces.iter().chain(left_out.iter().copied()))
        || !leaves_of(&ours).is_subset(&leaves_of(&back))
    {
        return Ok(None);
    }
    Ok(Some(out))
}

/// The code of a whole file: its tokens without comments or doc comments.
fn file_code(text: &str) -> Option<String> {
    text.parse::<proc_macro2::TokenStream>().ok().map(|tokens| strip_docs(tokens).to_string())
}

/// A fixture that replaces items, with the items of its `impl`s that are the same as
/// its base's left out (an `impl` merges into the base's method by method), where
/// assembling it gives the same code; `None` where nothing can go.
pub fn trim_impls(solution: &str, answers: &std::path::Path, name: &str, text: &str) -> Result<Option<String>> {
    let directives = directives(text)?;
    if directives.is_empty() {
        return Ok(None);
    }
    let before = assemble(solution, answers, name, text)?;
    let base = base_of(solution, answers, &directives, &mut vec![name.to_string()])?;
    let (Ok(theirs), Ok(ours)) = (parse(&base), parse(text)) else { return Ok(None) };
    let mut cuts: Vec<Range<usize>> = Vec::new();
    for piece in ours.pieces.iter().filter(|p| matches!(p.key, Key::Impl { .. })) {
        let Some(base_piece) = theirs.pieces.iter().find(|b| b.key == piece.key) else { continue };
        let (Ok(base_impl), Ok(our_impl)) = (
            syn::parse_str::<syn::ItemImpl>(theirs.text_of(base_piece)),
            syn::parse_str::<syn::ItemImpl>(ours.text_of(piece)),
        ) else {
            continue;
        };
        let offset = piece.region.start;
        let base_text = theirs.text_of(base_piece);
        let our_text = ours.text_of(piece);
        let code = |t: &str, item: &syn::ImplItem| code_of(t, item.span());
        let mut same = Vec::new();
        let mut after = our_impl.brace_token.span.open().byte_range().end;
        for item in &our_impl.items {
            let span = item.span().byte_range();
            let twin = base_impl.items.iter().find(|b| {
                impl_item_name(b).is_some()
                    && impl_item_name(b) == impl_item_name(item)
                    && code(base_text, b) == code(our_text, item)
            });
            if twin.is_some() {
                // From the end of the item before (its blank line and comments go too).
                same.push(offset + after..offset + span.end);
            }
            after = span.end;
        }
        if same.len() == our_impl.items.len() {
            // Nothing of its own: the whole `impl` goes.
            cuts.push(piece.region.clone());
        } else {
            cuts.extend(same);
        }
    }
    if cuts.is_empty() {
        return Ok(None);
    }
    cuts.sort_by_key(|r| r.start);
    let mut trimmed = String::new();
    let mut cursor = 0;
    for cut in &cuts {
        trimmed.push_str(&text[cursor..cut.start]);
        cursor = cut.end;
    }
    trimmed.push_str(&text[cursor..]);
    // Blank lines left where items were: at most one in a row.
    while trimmed.contains("\n\n\n") {
        trimmed = trimmed.replace("\n\n\n", "\n\n");
    }
    trimmed = trimmed.replace("{\n\n", "{\n");
    let after = assemble(solution, answers, name, &trimmed)?;
    if file_code(&after) != file_code(&before) {
        return Ok(None);
    }
    Ok(Some(trimmed))
}

/// An item of an `impl` by its kind (a method, a const, a type) and name; `None` for a
/// macro call.
fn impl_item_name(item: &syn::ImplItem) -> Option<(u8, String)> {
    match item {
        syn::ImplItem::Fn(f) => Some((0, f.sig.ident.to_string())),
        syn::ImplItem::Const(c) => Some((1, c.ident.to_string())),
        syn::ImplItem::Type(t) => Some((2, t.ident.to_string())),
        _ => None,
    }
}

/// `grader verify [NN] --shrink-fixtures`: rewrites each whole-file answer fixture of
/// the exercises as the items it changes, where [`shrink`] can, and says which.
pub fn shrink_fixtures(config: &Config, query: Option<&str>, out: &mut dyn Write) -> Result<Outcome> {
    let all = exercise::discover(&config.exercises_dir())?;
    let chosen: Vec<exercise::Exercise> = match query {
        Some(query) => vec![exercise::resolve(&all, query)?.clone()],
        None => all,
    };
    let mut shrunk = 0;
    for exercise in &chosen {
        let Some(file) = exercise.meta.files.first() else { continue };
        let dir = config.solutions_dir().join(&exercise.name);
        let solution_path = dir.join(file.strip_prefix("src/").unwrap_or(file));
        let Ok(solution) = std::fs::read_to_string(&solution_path) else { continue };
        let Ok(entries) = std::fs::read_dir(dir.join("answers")) else { continue };
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .collect();
        paths.sort();
        for path in paths {
            let answer =
                std::fs::read_to_string(&path).with_context(|| format!("failed to read {}", path.display()))?;
            let stem = path.file_stem().unwrap_or_default().to_string_lossy().to_string();
            let shrunk_text = match shrink(&solution, &answer)? {
                Some(items) => Some(items),
                None => trim_impls(&solution, &dir.join("answers"), &stem, &answer)
                    .with_context(|| format!("in {}", path.display()))?,
            };
            if let Some(items) = shrunk_text {
                crate::scratch::write_atomically(&path, items.as_bytes())?;
                let shown = path.strip_prefix(&config.root).unwrap_or(&path);
                writeln!(
                    out,
                    "shrunk {} ({} lines → {})",
                    shown.display(),
                    answer.lines().count(),
                    items.lines().count()
                )?;
                shrunk += 1;
            }
        }
    }
    writeln!(out, "Shrunk {shrunk} fixtures to the items they change; the others are left whole.")?;
    Ok(Outcome::Passed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOLUTION: &str = "//! The solution.\n\nuse std::sync::Arc;\nuse tokio::sync::Mutex;\n\n/// Adds.\npub fn add(a: u32) -> u32 {\n    // Plainly.\n    a + 1\n}\n\n// Keeps count.\npub struct Counter(Arc<Mutex<u32>>);\n\nimpl Counter {\n    pub fn new() -> Self {\n        Counter(Arc::new(Mutex::new(0)))\n    }\n}\n\nfn helper() {}\n";

    #[test]
    fn items_replace_the_solutions_of_the_same_name() {
        let answer = "//! grader: expect pass\n//! grader: replaces items\n\nuse std::sync::Mutex;\n\n// Sooner.\npub fn add(a: u32) -> u32 {\n    a + 2\n}\n\nfn extra() {}\n";
        let grafted = graft(SOLUTION, answer).unwrap();
        assert_eq!(
            grafted,
            "//! grader: expect pass\n//! grader: replaces items\n\nuse std::sync::Arc;\nuse std::sync::Mutex;\n\n// Sooner.\npub fn add(a: u32) -> u32 {\n    a + 2\n}\n\n// Keeps count.\npub struct Counter(Arc<Mutex<u32>>);\n\nimpl Counter {\n    pub fn new() -> Self {\n        Counter(Arc::new(Mutex::new(0)))\n    }\n}\n\nfn helper() {}\n\nfn extra() {}\n"
        );
    }

    /// An `impl` under the solution's header replaces its methods one by one; one under
    /// another header (other bounds) replaces it whole.
    #[test]
    fn an_impls_methods_replace_the_bases_one_by_one() {
        let base = "struct S;\n\nimpl S {\n    /// One.\n    fn one() -> u8 {\n        1\n    }\n\n    // Two.\n    fn two() -> u8 {\n        2\n    }\n}\n";
        let answer = "//! grader: replaces items\nimpl S {\n    // Two, wrong.\n    fn two() -> u8 {\n        3\n    }\n\n    fn three() -> u8 {\n        3\n    }\n}\n";
        assert_eq!(
            graft(base, answer).unwrap(),
            "//! grader: replaces items\nstruct S;\n\nimpl S {\n    /// One.\n    fn one() -> u8 {\n        1\n    }\n\n    // Two, wrong.\n    fn two() -> u8 {\n        3\n    }\n\n    fn three() -> u8 {\n        3\n    }\n}\n"
        );
        let bounds = "//! grader: replaces items\nimpl<T: Unpin> S {\n    fn two() -> u8 {\n        3\n    }\n}\n";
        assert!(!graft(base, bounds).unwrap().contains("fn one"));
        // An answer that defines the type anew replaces its impl whole.
        let anew = "//! grader: replaces items\nstruct S(u8);\nimpl S {\n    fn two() -> u8 {\n        3\n    }\n}\n";
        assert!(!graft(base, anew).unwrap().contains("fn one"));
    }

    /// `--shrink-fixtures` leaves out of a grafted answer's `impl` the methods that are the
    /// same as its base's, where the assembled code stays the same.
    #[test]
    fn methods_the_same_as_the_bases_are_trimmed() {
        let dir = tempfile::tempdir().unwrap();
        let answer = "//! grader: expect pass\n//! grader: replaces items\n\nimpl Counter {\n    /// Copied.\n    pub fn new() -> Self {\n        Counter(Arc::new(Mutex::new(0)))\n    }\n\n    pub fn extra(&self) {}\n}\n";
        let trimmed = trim_impls(SOLUTION, dir.path(), "a", answer).unwrap().unwrap();
        assert_eq!(
            trimmed,
            "//! grader: expect pass\n//! grader: replaces items\n\nimpl Counter {\n    pub fn extra(&self) {}\n}\n"
        );
        assert!(assemble(SOLUTION, dir.path(), "a", &trimmed).unwrap().contains("pub fn new() -> Self"));
        // Nothing the same: nothing to trim.
        let own = answer.replace("Mutex::new(0)", "Mutex::new(1)").replace("\n    pub fn extra(&self) {}\n", "");
        assert_eq!(trim_impls(SOLUTION, dir.path(), "a", &own).unwrap(), None);
    }

    #[test]
    fn impls_match_by_self_type_and_trait() {
        let answer = "//! grader: replaces items\nimpl Counter {\n    pub fn new() -> Self {\n        todo!()\n    }\n}\nimpl Default for Counter {\n    fn default() -> Self {\n        Self::new()\n    }\n}\n";
        let grafted = graft(SOLUTION, answer).unwrap();
        assert!(grafted.contains("impl Counter {\n    pub fn new() -> Self {\n        todo!()"), "{grafted}");
        assert!(grafted.ends_with("fn helper() {}\n\nimpl Default for Counter {\n    fn default() -> Self {\n        Self::new()\n    }\n}\n"), "{grafted}");
        assert_eq!(grafted.matches("impl Counter").count(), 1);
    }

    #[test]
    fn a_whole_file_shrinks_to_what_differs() {
        let whole = SOLUTION
            .replace("//! The solution.\n", "//! grader: expect fail a \"b\"\n//! Adds two.\n")
            .replace("a + 1", "a + 2");
        let shrunk = shrink(SOLUTION, &whole).unwrap().unwrap();
        assert_eq!(
            shrunk,
            "//! grader: expect fail a \"b\"\n//! Adds two.\n//! grader: replaces items\n\n/// Adds.\npub fn add(a: u32) -> u32 {\n    // Plainly.\n    a + 2\n}\n"
        );
        assert_eq!(graft(SOLUTION, &shrunk).unwrap().replace("//! grader: replaces items\n", ""), whole);
        // An answer that leaves out a function of the solution's shrinks (it comes back
        // unused); one that leaves out an `impl` stays whole.
        let without_helper = whole.replace("\nfn helper() {}\n", "");
        assert!(shrink(SOLUTION, &without_helper).unwrap().is_some());
        let without_impl = whole.replace(
            "impl Counter {\n    pub fn new() -> Self {\n        Counter(Arc::new(Mutex::new(0)))\n    }\n}\n",
            "",
        );
        assert_eq!(shrink(SOLUTION, &without_impl).unwrap(), None);
    }

    #[test]
    fn unclear_grafts_are_refused() {
        let twice = "//! grader: replaces items\nfn add() {}\nfn add() {}\n";
        assert!(format!("{:#}", graft(SOLUTION, twice).unwrap_err()).contains("holds `add` twice"));
        let partly = "//! grader: replaces items\nuse tokio::sync::Mutex;\nfn x() {}\n";
        assert!(replaces_items(partly) && !replaces_items("//! grader: expect pass\n"));
    }

    /// A `use` of the solution's that imports a name the answer imports again loses it.
    #[test]
    fn imports_give_way_to_the_answers() {
        let answer = "//! grader: replaces items\nuse tokio::sync::Mutex;\n";
        let solution = "use std::sync::{Arc, Mutex, self};\nuse std::io;\n\nfn y() {}\n";
        assert_eq!(
            graft(solution, answer).unwrap(),
            "//! grader: replaces items\nuse std::sync::{Arc, self};\nuse std::io;\nuse tokio::sync::Mutex;\n\nfn y() {}\n"
        );
    }
    /// A fixture based on another is grafted onto that one, assembled; replacements
    /// apply after the graft; bases that go round, and replacements that don't stand
    /// exactly once, are refused.
    #[test]
    fn fixtures_based_on_fixtures() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(format!("{name}.rs")), text).unwrap();
        write(
            "plus_two",
            "//! grader: expect fail a \"b\"\n//! grader: replaces items\n\npub fn add(a: u32) -> u32 {\n    a + 2\n}\n",
        );
        let three = "//! grader: expect fail a \"c\"\n//! grader: based on plus_two.rs\n//! grader: replaces `a + 2` with `a + 3`\n";
        let assembled = assemble(SOLUTION, dir.path(), "plus_three", three).unwrap();
        assert!(
            assembled.starts_with("//! grader: expect fail a \"c\"\n//! grader: based on plus_two.rs\n"),
            "{assembled}"
        );
        assert!(assembled.contains("pub fn add(a: u32) -> u32 {\n    a + 3\n}"), "{assembled}");
        assert!(assembled.contains("pub struct Counter") && !assembled.contains("expect fail a \"b\""), "{assembled}");
        // A replacement alone grafts onto the solution.
        let edit = "//! grader: expect pass\n//! grader: replaces `fn helper() {}` with `fn helper() -> u8 { 1 }`\n";
        let edited = assemble(SOLUTION, dir.path(), "edit", edit).unwrap();
        assert!(edited.ends_with("fn helper() -> u8 { 1 }\n") && edited.contains("a + 1"), "{edited}");
        // A whole file is itself.
        assert_eq!(assemble(SOLUTION, dir.path(), "whole", "fn main() {}\n").unwrap(), "fn main() {}\n");

        write("round", "//! grader: expect pass\n//! grader: based on about\n");
        write("about", "//! grader: expect pass\n//! grader: based on round\n");
        let err = format!("{:#}", assemble(SOLUTION, dir.path(), "round", "//! grader: based on about\n").unwrap_err());
        assert!(err.contains("round → about → round"), "{err}");
        let missing =
            format!("{:#}", assemble(SOLUTION, dir.path(), "x", "//! grader: based on nobody\n").unwrap_err());
        assert!(missing.contains("there is no") && missing.contains("nobody.rs"), "{missing}");
        let twice = "//! grader: replaces `Counter` with `Tally`\n";
        let err = format!("{:#}", assemble(SOLUTION, dir.path(), "x", twice).unwrap_err());
        assert!(err.contains("holds `Counter` 3 times"), "{err}");
        let nowhere = "//! grader: replaces `a + 9` with `a`\n";
        let err = format!("{:#}", assemble(SOLUTION, dir.path(), "x", nowhere).unwrap_err());
        assert!(err.contains("holds `a + 9` nowhere"), "{err}");
    }

    #[test]
    fn directives_are_read_or_refused() {
        assert_eq!(parse_directive("replaces items").unwrap().unwrap(), Directive::ReplacesItems);
        assert_eq!(parse_directive("based on answers/slow.rs").unwrap().unwrap(), Directive::BasedOn("slow".into()));
        assert_eq!(
            parse_directive("replaces `a(1)` with `b(\"2\")`").unwrap().unwrap(),
            Directive::Replaces { old: "a(1)".into(), new: "b(\"2\")".into() }
        );
        assert!(parse_directive("expect pass").is_none() && parse_directive("traces vary \"x\"").is_none());
        for wrong in
            ["based on", "based on two words", "replaces a with b", "replaces `a` by `b`", "replaces `` with `b`"]
        {
            assert!(parse_directive(wrong).is_some_and(|r| r.is_err()), "{wrong}");
        }
        assert!(replaces_items("//! grader: based on x\n") && !replaces_items("//! grader: replaces a with b\n"));
    }
}
