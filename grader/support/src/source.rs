//! The learner's source, parsed once with syn, for the checks that read it: races that
//! one thread never shows (a read and a write under two locks, a flag looked at before
//! a `notified()` exists) can't be made to strike on the checks' runtime, so those
//! checks name the lines instead.
//!
//! Parsing, not text search: comments, strings and the way a line is broken never
//! look like code, and a pattern spread over several lines is still one call. Macro
//! bodies that hold expressions (`println!`, `assert!`, `vec!`, …) are read too, and so
//! are `select!`'s arms.
//!
//! Every position is a byte offset into the text given to [`Source::parse`], so
//! [`Source::line`] quotes the learner's own line.
//!
//! ```
//! use workbook::source::Source;
//!
//! let src = Source::parse(
//!     "fn set(&self) {\n    // self.ready.store(true)\n    self.notify.notify_waiters();\n    \
//!      self.ready\n        .store(true, SeqCst);\n}\n",
//! )
//! .unwrap();
//! let set = src.function("set").unwrap();
//! let calls: Vec<(&str, usize)> =
//!     src.sites_in(set.body.clone()).filter_map(|s| Some((s.method()?, s.line))).collect();
//! assert_eq!(calls, [("notify_waiters", 3), ("store", 5)]);
//! ```

use std::ops::Range;

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;

/// A named piece of code: a `fn` (free, in an `impl` or a trait, or nested), or a
/// closure bound with `let name = |…| …` that is not async (a helper called in place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name (the `let`'s, for a closure).
    pub name: String,
    /// Its body: from `{` to `}` inclusive for a `fn`, the body expression for a closure.
    pub body: Range<usize>,
    /// The line of its name, counting from 1.
    pub line: usize,
    /// Whether it is a closure bound with `let`.
    pub closure: bool,
    /// For a `fn` in an `impl` block: the type the block is for (`Pickup` in
    /// `impl<T> Future for Pickup<T>`).
    pub impl_for: Option<String>,
}

/// What a [`Site`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum What {
    /// A method call, `receiver.name(args)`.
    Method(String),
    /// A call of a path, `Mutex::new(..)` or `helper(..)`: the path as written, without
    /// spaces or generic arguments.
    Call(String),
    /// An `.await`.
    Await,
    /// A binary operator (`<`, `==`, `+=`, `&&`, …) or a plain assignment (`=`).
    Op(&'static str),
}

/// One place in the code: a call, an `.await` or an operator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// What it is.
    pub what: What,
    /// Where it starts: a method call's or an `.await`'s `.`, a call's path, an
    /// operator's first character.
    pub at: usize,
    /// The whole expression (receiver and arguments included).
    pub span: Range<usize>,
    /// The line of `at`, counting from 1.
    pub line: usize,
    /// The arguments' count (calls); for an operator, 2.
    pub args: usize,
    /// A method call's receiver, an `.await`'s future or an operator's left side, as
    /// written without white space (`self.state`, `online`).
    pub receiver: Option<String>,
    /// The arguments as written without white space (an operator: its right side).
    pub arguments: Vec<String>,
    /// For an `.await`: the method called by the future awaited (`lock` in
    /// `m.lock().await`).
    pub awaited_method: Option<String>,
    /// The `{ … }` blocks around it, innermost first.
    pub blocks: Vec<Range<usize>>,
}

impl Site {
    /// The method's name, for a method call.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { a.lock(); }").unwrap();
    /// assert_eq!(src.sites()[0].method(), Some("lock"));
    /// ```
    pub fn method(&self) -> Option<&str> {
        match &self.what {
            What::Method(name) => Some(name),
            _ => None,
        }
    }

    /// Whether it is a call of method `name` with `args` arguments (any count: `None`).
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { t.read(who); l.read(); }").unwrap();
    /// assert!(src.sites()[0].is_method("read", Some(1)) && src.sites()[1].is_method("read", Some(0)));
    /// ```
    pub fn is_method(&self, name: &str, args: Option<usize>) -> bool {
        self.method() == Some(name) && args.is_none_or(|n| n == self.args)
    }

    /// The path, for a call of a path.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { let m = tokio::sync::Mutex::new(0); }").unwrap();
    /// assert!(src.sites()[0].path().unwrap().ends_with("Mutex::new"));
    /// ```
    pub fn path(&self) -> Option<&str> {
        match &self.what {
            What::Call(path) => Some(path),
            _ => None,
        }
    }

    /// The operator, for an operator.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { n += 1; }").unwrap();
    /// assert_eq!(src.sites()[0].op(), Some("+="));
    /// ```
    pub fn op(&self) -> Option<&'static str> {
        match self.what {
            What::Op(op) => Some(op),
            _ => None,
        }
    }

    /// The name called: a method's, or the last segment of a path's (`sleep` in
    /// `tokio::time::sleep(d)`).
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { tokio::time::sleep(d); t.tick(); }").unwrap();
    /// let names: Vec<_> = src.sites().iter().filter_map(|s| s.callee()).collect();
    /// assert_eq!(names, ["sleep", "tick"]);
    /// ```
    pub fn callee(&self) -> Option<&str> {
        match &self.what {
            What::Method(name) => Some(name),
            What::Call(path) => path.rsplit("::").next(),
            _ => None,
        }
    }

    /// Whether it is an `.await`.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("async fn f() { m.lock().await; }").unwrap();
    /// assert!(src.sites().iter().any(|s| s.is_await() && s.awaited_method.as_deref() == Some("lock")));
    /// ```
    pub fn is_await(&self) -> bool {
        self.what == What::Await
    }
}

/// A `let` statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Let {
    /// The name it binds, when its pattern is one name (`let mut guard: T = …` binds
    /// `guard`); `_` for `let _ = …`; `None` for other patterns.
    pub name: Option<String>,
    /// The whole statement.
    pub span: Range<usize>,
    /// The value, after `=`.
    pub value: Option<Range<usize>>,
    /// The line of `let`, counting from 1.
    pub line: usize,
    /// The block the statement is in.
    pub block: Range<usize>,
}

/// A learner's file, parsed: its functions, call sites, `.await`s, operators and `let`s.
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    functions: Vec<Function>,
    sites: Vec<Site>,
    lets: Vec<Let>,
    loops: Vec<Range<usize>>,
}

impl Source {
    /// Parses `text`. `None` when it is not Rust syn can read (the compiler has said so
    /// before any check runs).
    ///
    /// ```
    /// assert!(workbook::source::Source::parse("fn f() {").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Source> {
        let file = syn::parse_file(text).ok()?;
        let mut reader = Reader {
            text,
            functions: Vec::new(),
            sites: Vec::new(),
            lets: Vec::new(),
            loops: Vec::new(),
            blocks: Vec::new(),
            impl_for: None,
        };
        reader.visit_file(&file);
        let Reader { mut functions, mut sites, mut lets, mut loops, .. } = reader;
        functions.sort_by_key(|f| f.body.start);
        sites.sort_by_key(|s| s.at);
        sites.dedup_by(|a, b| a.at == b.at && a.what == b.what);
        lets.sort_by_key(|l| l.span.start);
        loops.sort_by_key(|l| l.start);
        loops.dedup();
        Some(Source { text: text.to_string(), functions, sites, lets, loops })
    }

    /// The text parsed.
    ///
    /// ```
    /// assert_eq!(workbook::source::Source::parse("fn f() {}").unwrap().text(), "fn f() {}");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every function and named closure, in source order (an outer one before those
    /// nested in it).
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn a() { let b = |x: u8| x + 1; fn c() {} }").unwrap();
    /// let names: Vec<&str> = src.functions().iter().map(|f| f.name.as_str()).collect();
    /// assert_eq!(names, ["a", "b", "c"]);
    /// ```
    pub fn functions(&self) -> &[Function] {
        &self.functions
    }

    /// The first `fn` called `name` (not a closure).
    ///
    /// ```
    /// let src = workbook::source::Source::parse("impl A { fn wait(&self) { x(); } }").unwrap();
    /// assert_eq!(src.function("wait").unwrap().line, 1);
    /// ```
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|f| f.name == name && !f.closure)
    }

    /// The innermost function around `at`; with `closures` false, named closures don't
    /// count (the `fn` they are in does).
    ///
    /// ```
    /// let text = "fn a() { let b = || { c(); }; }";
    /// let src = workbook::source::Source::parse(text).unwrap();
    /// let at = text.find("c()").unwrap();
    /// assert_eq!(src.function_at(at, true).unwrap().name, "b");
    /// assert_eq!(src.function_at(at, false).unwrap().name, "a");
    /// ```
    pub fn function_at(&self, at: usize, closures: bool) -> Option<&Function> {
        self.functions.iter().filter(|f| (closures || !f.closure) && f.body.contains(&at)).min_by_key(|f| f.body.len())
    }

    /// Every site, in source order.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("async fn f() { let n = a.load(SeqCst) + 1; b.await; }").unwrap();
    /// assert_eq!(src.sites().len(), 3); // load, +, .await
    /// ```
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The sites that start inside `range`, in source order.
    ///
    /// ```
    /// let text = "fn a() { x.lock(); } fn b() { y.lock(); }";
    /// let src = workbook::source::Source::parse(text).unwrap();
    /// let b = src.function("b").unwrap();
    /// assert_eq!(src.sites_in(b.body.clone()).count(), 1);
    /// ```
    pub fn sites_in(&self, range: Range<usize>) -> impl Iterator<Item = &Site> + Clone + '_ {
        self.sites.iter().filter(move |s| range.contains(&s.at))
    }

    /// The sites whose innermost function (closures counted) is `function`: its own
    /// code, without the named closures and `fn`s nested in it.
    ///
    /// ```
    /// let text = "fn a() { x.lock(); let b = || y.lock(); }";
    /// let src = workbook::source::Source::parse(text).unwrap();
    /// assert_eq!(src.own_sites(&src.functions()[0]).count(), 1);
    /// ```
    pub fn own_sites<'a>(&'a self, function: &'a Function) -> impl Iterator<Item = &'a Site> + 'a {
        self.sites_in(function.body.clone()).filter(move |s| self.function_at(s.at, true) == Some(function))
    }

    /// Every `let` statement, in source order.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { let mut g = m.lock().unwrap(); }").unwrap();
    /// assert_eq!(src.lets()[0].name.as_deref(), Some("g"));
    /// ```
    pub fn lets(&self) -> &[Let] {
        &self.lets
    }

    /// The `let` that binds the guard `site` returns: the statement's value is that call
    /// and nothing after it but `.await`, `.unwrap()`, `.expect(..)` or `?` (so
    /// `let n = *m.lock().unwrap();`, a copy, is not one).
    ///
    /// ```
    /// let text = "async fn f() { let g = m.lock().await; let n = *m.lock().await; }";
    /// let src = workbook::source::Source::parse(text).unwrap();
    /// let locks: Vec<_> = src.sites().iter().filter(|s| s.is_method("lock", Some(0))).collect();
    /// assert_eq!(src.guard_of(locks[0]).unwrap().name.as_deref(), Some("g"));
    /// assert!(src.guard_of(locks[1]).is_none());
    /// ```
    pub fn guard_of(&self, site: &Site) -> Option<&Let> {
        let binding = self.lets.iter().rfind(|l| l.value.as_ref().is_some_and(|v| v.contains(&site.at)))?;
        let value = binding.value.clone()?;
        // From the start of the value to the end of the call, nothing but the call.
        if value.start != site.span.start {
            return None;
        }
        let mut tail = self.text[site.span.end..value.end].split_whitespace().collect::<String>();
        loop {
            let before = tail.len();
            for plain in [".await", ".unwrap()", "?"] {
                if let Some(rest) = tail.strip_prefix(plain) {
                    tail = rest.to_string();
                }
            }
            if tail.starts_with(".expect(") {
                tail.clear();
            }
            if tail.len() == before {
                break;
            }
        }
        tail.is_empty().then_some(binding)
    }

    /// Every `loop`, `while` and `for` loop, in source order: each from its start to the
    /// end of its body, so a `while` loop's condition (looked at before each turn) is part
    /// of it.
    ///
    /// ```
    /// let text = "fn f() { while x() { for i in y { z() } } }";
    /// let src = workbook::source::Source::parse(text).unwrap();
    /// let found: Vec<&str> = src.loops().iter().map(|l| &text[l.clone()]).collect();
    /// assert_eq!(found, ["while x() { for i in y { z() } }", "for i in y { z() }"]);
    /// ```
    pub fn loops(&self) -> &[Range<usize>] {
        &self.loops
    }

    /// Whether `name` is dropped (`drop(name)`, `std::mem::drop(name)`) between `from`
    /// and `to`.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { let g = m.lock(); drop(g); }").unwrap();
    /// assert!(src.dropped_between("g", 0, 40));
    /// ```
    pub fn dropped_between(&self, name: &str, from: usize, to: usize) -> bool {
        self.sites_in(from..to).any(|s| {
            s.path().is_some_and(|p| p == "drop" || p.ends_with("::drop"))
                && s.arguments.first().is_some_and(|a| a == name)
        })
    }

    /// The identifiers of the code inside `range` (macro bodies included), with where
    /// each starts, in source order. Never a word of a comment or a string.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() { /* parcel */ let p = self.parcel; }").unwrap();
    /// let words: Vec<&str> = src.idents(0..60).map(|(_, w)| w).collect();
    /// assert_eq!(words, ["fn", "f", "let", "p", "self", "parcel"]);
    /// ```
    pub fn idents(&self, range: Range<usize>) -> impl Iterator<Item = (usize, &str)> + '_ {
        let tokens: proc_macro2::TokenStream = self.text.parse().unwrap_or_default();
        let mut found = Vec::new();
        collect_idents(tokens, &mut found);
        found.into_iter().filter(move |(at, _)| range.contains(at)).map(|(at, len)| (at, &self.text[at..at + len]))
    }

    /// The line of byte `at`, counting from 1, and that line trimmed.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() {\n    a.lock();\n}\n").unwrap();
    /// assert_eq!(src.line(src.sites()[0].at), (2, "a.lock();"));
    /// ```
    pub fn line(&self, at: usize) -> (usize, &str) {
        let at = at.min(self.text.len());
        let number = self.text[..at].matches('\n').count() + 1;
        (number, self.text.lines().nth(number - 1).unwrap_or("").trim())
    }

    /// `  line 12: <that line>`, for a message that quotes the learner's source.
    ///
    /// ```
    /// let src = workbook::source::Source::parse("fn f() {\n    a.lock();\n}\n").unwrap();
    /// assert_eq!(src.quote(src.sites()[0].at), "  line 2: a.lock();");
    /// ```
    pub fn quote(&self, at: usize) -> String {
        let (number, text) = self.line(at);
        format!("  line {number}: {text}")
    }
}

fn collect_idents(tokens: proc_macro2::TokenStream, found: &mut Vec<(usize, usize)>) {
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => {
                let range = ident.span().byte_range();
                found.push((range.start, range.len()));
            }
            proc_macro2::TokenTree::Group(group) => collect_idents(group.stream(), found),
            _ => {}
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    functions: Vec<Function>,
    sites: Vec<Site>,
    lets: Vec<Let>,
    loops: Vec<Range<usize>>,
    /// The blocks being read, outermost first.
    blocks: Vec<Range<usize>>,
    impl_for: Option<String>,
}

impl Reader<'_> {
    fn range(&self, span: Span) -> Range<usize> {
        span.byte_range()
    }

    fn words(&self, span: Span) -> String {
        let range = self.range(span);
        self.text.get(range).unwrap_or("").split_whitespace().collect()
    }

    fn line(&self, at: usize) -> usize {
        self.text[..at.min(self.text.len())].matches('\n').count() + 1
    }

    #[allow(clippy::too_many_arguments)]
    fn site(
        &mut self,
        what: What,
        at: Span,
        whole: Span,
        args: usize,
        receiver: Option<Span>,
        arguments: Vec<String>,
        awaited_method: Option<String>,
    ) {
        let at = self.range(at).start;
        self.sites.push(Site {
            what,
            at,
            span: self.range(whole),
            line: self.line(at),
            args,
            receiver: receiver.map(|r| self.words(r)),
            arguments,
            awaited_method,
            blocks: self.blocks.iter().rev().cloned().collect(),
        });
    }

    fn function(&mut self, name: &syn::Ident, body: Span, closure: bool) {
        let line = self.line(self.range(name.span()).start);
        let impl_for = if closure { None } else { self.impl_for.clone() };
        self.functions.push(Function { name: name.to_string(), body: self.range(body), line, closure, impl_for });
    }
}

/// A closure's body is a future (`|x| async { … }`, `async |x| …`): it runs elsewhere,
/// not in place.
fn is_async_closure(closure: &syn::ExprClosure) -> bool {
    closure.asyncness.is_some() || matches!(&*closure.body, syn::Expr::Async(_))
}

fn op_text(op: &syn::BinOp) -> &'static str {
    use syn::BinOp::*;
    match op {
        Add(_) => "+",
        Sub(_) => "-",
        Mul(_) => "*",
        Div(_) => "/",
        Rem(_) => "%",
        And(_) => "&&",
        Or(_) => "||",
        BitXor(_) => "^",
        BitAnd(_) => "&",
        BitOr(_) => "|",
        Shl(_) => "<<",
        Shr(_) => ">>",
        Eq(_) => "==",
        Lt(_) => "<",
        Le(_) => "<=",
        Ne(_) => "!=",
        Ge(_) => ">=",
        Gt(_) => ">",
        AddAssign(_) => "+=",
        SubAssign(_) => "-=",
        MulAssign(_) => "*=",
        DivAssign(_) => "/=",
        RemAssign(_) => "%=",
        BitXorAssign(_) => "^=",
        BitAndAssign(_) => "&=",
        BitOrAssign(_) => "|=",
        ShlAssign(_) => "<<=",
        ShrAssign(_) => ">>=",
        _ => "?",
    }
}

fn path_text(path: &syn::Path) -> String {
    let mut out = if path.leading_colon.is_some() { "::".to_string() } else { String::new() };
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    out.push_str(&segments.join("::"));
    out
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let outer = self.impl_for.take();
        if let syn::Type::Path(ty) = &*item.self_ty {
            self.impl_for = ty.path.segments.last().map(|s| s.ident.to_string());
        }
        syn::visit::visit_item_impl(self, item);
        self.impl_for = outer;
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        // A free function nested in an `impl`'s method is not of the impl.
        let outer = self.impl_for.take();
        self.function(&item.sig.ident, item.block.span(), false);
        syn::visit::visit_item_fn(self, item);
        self.impl_for = outer;
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig.ident, item.block.span(), false);
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.sig.ident, block.span(), false);
        }
        syn::visit::visit_trait_item_fn(self, item);
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.blocks.push(self.range(block.span()));
        syn::visit::visit_block(self, block);
        self.blocks.pop();
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let name = match &local.pat {
            syn::Pat::Ident(p) => Some(p.ident.to_string()),
            syn::Pat::Type(t) => match &*t.pat {
                syn::Pat::Ident(p) => Some(p.ident.to_string()),
                syn::Pat::Wild(_) => Some("_".to_string()),
                _ => None,
            },
            syn::Pat::Wild(_) => Some("_".to_string()),
            _ => None,
        };
        if let (Some(init), syn::Pat::Ident(p)) = (&local.init, &local.pat)
            && let syn::Expr::Closure(closure) = &*init.expr
            && !is_async_closure(closure)
        {
            self.function(&p.ident, closure.body.span(), true);
        }
        let span = self.range(local.span());
        let value = local.init.as_ref().map(|init| self.range(init.expr.span()));
        self.lets.push(Let {
            name,
            line: self.line(span.start),
            span,
            value,
            block: self.blocks.last().cloned().unwrap_or(0..self.text.len()),
        });
        syn::visit::visit_local(self, local);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let arguments = call.args.iter().map(|a| self.words(a.span())).collect();
        self.site(
            What::Method(call.method.to_string()),
            call.dot_token.span,
            call.span(),
            call.args.len(),
            Some(call.receiver.span()),
            arguments,
            None,
        );
        syn::visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*call.func {
            let arguments = call.args.iter().map(|a| self.words(a.span())).collect();
            self.site(
                What::Call(path_text(&path.path)),
                path.span(),
                call.span(),
                call.args.len(),
                None,
                arguments,
                None,
            );
        }
        syn::visit::visit_expr_call(self, call);
    }

    fn visit_expr_await(&mut self, expr: &'ast syn::ExprAwait) {
        let awaited = match &*expr.base {
            syn::Expr::MethodCall(call) => Some(call.method.to_string()),
            _ => None,
        };
        self.site(What::Await, expr.dot_token.span, expr.span(), 0, Some(expr.base.span()), Vec::new(), awaited);
        syn::visit::visit_expr_await(self, expr);
    }

    fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
        self.loops.push(self.range(expr.span()));
        syn::visit::visit_expr_loop(self, expr);
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        self.loops.push(self.range(expr.span()));
        syn::visit::visit_expr_while(self, expr);
    }

    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.loops.push(self.range(expr.span()));
        syn::visit::visit_expr_for_loop(self, expr);
    }

    fn visit_expr_binary(&mut self, expr: &'ast syn::ExprBinary) {
        let right = vec![self.words(expr.right.span())];
        self.site(What::Op(op_text(&expr.op)), expr.op.span(), expr.span(), 2, Some(expr.left.span()), right, None);
        syn::visit::visit_expr_binary(self, expr);
    }

    fn visit_expr_assign(&mut self, expr: &'ast syn::ExprAssign) {
        let right = vec![self.words(expr.right.span())];
        self.site(What::Op("="), expr.eq_token.span, expr.span(), 2, Some(expr.left.span()), right, None);
        syn::visit::visit_expr_assign(self, expr);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // Macros of expressions (`println!("{}", a.lock())`, `assert!(…)`, `vec![…]`),
        // of statements, or `select!`'s arms: read what parses; other syntax is left alone.
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(exprs) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        } else if let Ok(stmts) = syn::parse::Parser::parse2(syn::Block::parse_within, mac.tokens.clone()) {
            for stmt in &stmts {
                self.visit_stmt(stmt);
            }
        } else if mac.path.segments.last().is_some_and(|s| s.ident == "select")
            && let Ok(exprs) = syn::parse::Parser::parse2(select_arms, mac.tokens.clone())
        {
            for expr in &exprs {
                self.visit_expr(expr);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}

/// The expressions of `tokio::select!`'s arms, in order: `biased;`, then
/// `<pattern> = <future>[, if <condition>] => <handler>[,]` and `else => <handler>`.
fn select_arms(input: syn::parse::ParseStream) -> syn::Result<Vec<syn::Expr>> {
    let mut exprs = Vec::new();
    if input.peek(syn::Ident) && input.peek2(syn::Token![;]) {
        let biased: syn::Ident = input.parse()?;
        if biased != "biased" {
            return Err(syn::Error::new(biased.span(), "not `biased;`"));
        }
        input.parse::<syn::Token![;]>()?;
    }
    while !input.is_empty() {
        if input.peek(syn::Token![else]) {
            input.parse::<syn::Token![else]>()?;
        } else {
            syn::Pat::parse_multi_with_leading_vert(input)?;
            input.parse::<syn::Token![=]>()?;
            exprs.push(input.parse()?);
            if input.peek(syn::Token![,]) && input.peek2(syn::Token![if]) {
                input.parse::<syn::Token![,]>()?;
                input.parse::<syn::Token![if]>()?;
                exprs.push(input.parse()?);
            }
        }
        input.parse::<syn::Token![=>]>()?;
        exprs.push(syn::Expr::parse_with_earlier_boundary_rule(input)?);
        if input.peek(syn::Token![,]) {
            input.parse::<syn::Token![,]>()?;
        }
    }
    Ok(exprs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_strings_are_not_code() {
        let src =
            Source::parse("fn f() {\n    // a.lock()\n    let s = \"b.lock()\";\n    /* c.lock() */\n}\n").unwrap();
        assert!(src.sites().iter().all(|s| s.method() != Some("lock")));
    }

    #[test]
    fn a_call_broken_over_lines_is_one_site_on_its_dot() {
        let text = "fn f() {\n    self.ready\n        .store(\n            true,\n            SeqCst,\n        );\n}\n";
        let src = Source::parse(text).unwrap();
        let store = src.sites().iter().find(|s| s.is_method("store", Some(2))).unwrap();
        assert_eq!((store.line, store.receiver.as_deref()), (3, Some("self.ready")));
        assert_eq!(store.arguments, ["true", "SeqCst"]);
    }

    #[test]
    fn macro_bodies_are_read() {
        let src = Source::parse("fn f() { println!(\"{}\", a.lock().unwrap()); }").unwrap();
        assert!(src.sites().iter().any(|s| s.is_method("lock", Some(0))));
    }

    #[test]
    fn select_arms_are_read() {
        let text = "async fn f() {\n    loop {\n        tokio::select! {\n            biased;\n            \
                    () = token.cancelled() => break,\n            Some(job) = jobs.recv(), if open => {\n                \
                    job.done.notify_one();\n            }\n            else => return,\n        }\n    }\n}\n";
        let src = Source::parse(text).unwrap();
        let methods: Vec<(&str, usize)> = src.sites().iter().filter_map(|s| Some((s.method()?, s.line))).collect();
        assert_eq!(methods, [("cancelled", 5), ("recv", 6), ("notify_one", 7)]);
        let notify = src.sites().iter().find(|s| s.method() == Some("notify_one")).unwrap();
        assert_eq!(notify.blocks.len(), 3); // the handler, the loop's body, the function's
        assert_eq!(src.loops().len(), 1);
    }

    #[test]
    fn methods_know_their_impl_and_blocks() {
        let text = "impl<T> Future for Pickup<T> { fn poll(self) { if x { y.lock(); } } }";
        let src = Source::parse(text).unwrap();
        assert_eq!(src.function("poll").unwrap().impl_for.as_deref(), Some("Pickup"));
        let lock = src.sites().iter().find(|s| s.method() == Some("lock")).unwrap();
        assert_eq!(lock.blocks.len(), 2);
        assert!(lock.blocks[0].len() < lock.blocks[1].len());
    }
}
