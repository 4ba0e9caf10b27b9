//! The book in HTML, as a reader gets it. `docs/` is built the way `mdbook build docs`
//! builds it, with mdBook 0.5 as a library (nothing to install) and the workbook's own
//! preprocessor, and the pages are read back: every page of the summary came out with
//! its title and all its blocks, every timeline and trace is preformatted text with its
//! characters intact (monospace, no wrapping, so the bars stay aligned), and every link
//! inside the book leads to a file and an anchor that exist.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use book_examples::links;
use book_examples::sync::{self, Kind};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use mdbook_driver::MDBook;
use mdbook_driver::config::Config;

fn root() -> PathBuf {
    sync::root().canonicalize().expect("the workbook's root")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("can't read {}: {e}", path.display()))
}

/// The built book, read into memory (the build directory is removed).
#[derive(Debug)]
struct Book {
    /// Every file the build wrote, relative to the book's root, `/`-separated.
    files: BTreeSet<String>,
    /// Every HTML page, read.
    pages: BTreeMap<String, Page>,
    /// The text of every stylesheet.
    css: BTreeMap<String, String>,
    /// What mdBook warned about while building.
    warnings: Vec<String>,
}

/// One HTML page, as the parts of it a reader relies on.
#[derive(Debug, Default)]
struct Page {
    /// `<meta charset>`.
    charset: Option<String>,
    /// Every `id` (and `<a name>`): what a `#fragment` can lead to.
    ids: BTreeSet<String>,
    /// Every `href` and `src`, in order.
    links: Vec<String>,
    /// The stylesheets a screen uses (`<link rel="stylesheet">` not only for print).
    stylesheets: Vec<String>,
    /// The text of each `<h1>` inside `<main>`.
    titles: Vec<String>,
    /// Every `<pre>` inside `<main>`.
    blocks: Vec<Block>,
}

/// A `<pre>`: its `<code>`'s class (`language-text`), and its text as the browser
/// shows it (entities decoded, tags left out).
#[derive(Debug, Default)]
struct Block {
    code_class: Option<String>,
    text: String,
}

/// The book, built once for all the tests of this file.
fn book() -> &'static Book {
    static BOOK: OnceLock<Book> = OnceLock::new();
    BOOK.get_or_init(build)
}

fn build() -> Book {
    let root = root();
    let docs = root.join("docs");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("html-book-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let mut config = Config::from_disk(docs.join("book.toml")).expect("docs/book.toml");
    // The preprocessor book.toml names is `cargo run … --bin mdbook-workbook`; the
    // same binary, as cargo built it for this test, runs here instead.
    if config.contains_key("preprocessor.workbook.command") {
        let preprocessor = env!("CARGO_BIN_EXE_mdbook-workbook");
        assert!(!preprocessor.contains('\''), "the preprocessor's path can't be quoted: {preprocessor}");
        config.set("preprocessor.workbook.command", format!("'{preprocessor}'")).unwrap();
    }
    config.build.build_dir = out.clone();

    let warnings = Warnings::default();
    let start = Instant::now();
    let built = tracing::subscriber::with_default(warnings.clone(), || {
        MDBook::load_with_config(&docs, config).and_then(|book| book.build())
    });
    let took = start.elapsed();
    if let Err(e) = built {
        panic!("mdBook could not build docs/ (output in {}):\n{e:?}", out.display());
    }
    eprintln!("note: mdBook built the HTML book in {:.2} s", took.as_secs_f64());

    let mut files = BTreeSet::new();
    let mut pages = BTreeMap::new();
    let mut css = BTreeMap::new();
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
            if name.ends_with(".html") {
                pages.insert(name.clone(), read_page(&read(&path)));
            } else if name.ends_with(".css") {
                css.insert(name.clone(), read(&path));
            }
            files.insert(name);
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let warnings = warnings.0.lock().unwrap().clone();
    Book { files, pages, css, warnings }
}

#[test]
fn the_html_book_builds_without_a_warning() {
    let book = book();
    assert!(
        book.warnings.is_empty(),
        "mdBook warned while building docs/:\n{}\n",
        book.warnings.iter().map(|w| format!("  {w}")).collect::<Vec<_>>().join("\n")
    );
}

/// Each page of SUMMARY.md is an HTML page in the sidebar, with its title and as many
/// blocks as the chapter has: nothing swallowed by an unclosed fence or tag.
#[test]
fn every_chapter_renders() {
    let root = root();
    let book = book();
    let summary = read(&root.join("docs/src/SUMMARY.md"));
    let chapters: Vec<String> = links::markdown_links(&summary).into_iter().map(|l| l.target).collect();
    assert!(chapters.len() > 20, "only {} chapters in docs/src/SUMMARY.md", chapters.len());
    let toc = book.pages.get("toc.html").expect("mdBook wrote no toc.html (the sidebar)");
    let mut problems = Vec::new();
    for chapter in &chapters {
        let html = chapter.replace(".md", ".html");
        let Some(page) = book.pages.get(&html) else {
            problems.push(format!("  {chapter}: no {html} was built"));
            continue;
        };
        if !toc.links.contains(&html) {
            problems.push(format!("  {chapter}: the sidebar does not list {html}"));
        }
        if page.charset.as_deref().is_none_or(|c| !c.eq_ignore_ascii_case("utf-8")) {
            problems.push(format!("  {html}: the page does not declare UTF-8 (█ would not show)"));
        }
        let text = read(&root.join("docs/src").join(chapter));
        let title = text.lines().find_map(|l| l.strip_prefix("# ")).map(markdown_text);
        match (title, page.titles.as_slice()) {
            (Some(title), [shown]) if plain_quotes(shown) == title => {}
            (title, shown) => problems.push(format!("  {html}: the title is {shown:?}, the chapter's is {title:?}")),
        }
        let fenced = sync::blocks(&text).len();
        if page.blocks.len() != fenced {
            problems.push(format!(
                "  {html}: {} preformatted blocks, where {chapter} has {fenced} fenced blocks",
                page.blocks.len()
            ));
        }
    }
    assert!(problems.is_empty(), "Chapters that don't render whole:\n{}\n", problems.join("\n"));
}

/// A timeline is read by its columns: the HTML must show the very characters of the
/// chapter's block, in a `<pre>` (a monospace font, no wrapping), and the theme's
/// stylesheets must not make code wrap.
#[test]
fn timelines_and_traces_keep_their_alignment() {
    let root = root();
    let book = book();
    let mut problems = Vec::new();
    let mut count = 0;
    for page in sync::pages(&root) {
        let text = read(&page);
        let lines: Vec<&str> = text.lines().collect();
        let name = page.file_name().unwrap().to_string_lossy().replace(".md", ".html");
        let Some(html) = book.pages.get(&name) else { continue };
        for fence in sync::fences(&text).unwrap() {
            if !fence.directive.as_ref().is_some_and(|d| matches!(d.kind, Kind::Timeline | Kind::Trace)) {
                continue;
            }
            count += 1;
            // CommonMark takes the opening fence's indentation off the body's lines.
            let indent = lines[fence.open].len() - lines[fence.open].trim_start_matches(' ').len();
            let body: Vec<&str> = lines[fence.open + 1..fence.close]
                .iter()
                .map(|l| {
                    let spaces = l.len() - l.trim_start_matches(' ').len();
                    &l[spaces.min(indent)..]
                })
                .collect();
            let body = body.join("\n");
            let place =
                format!("  {name} (docs/src/{}:{})", page.file_name().unwrap().to_string_lossy(), fence.open + 1);
            match html.blocks.iter().find(|b| b.text.trim_end_matches('\n') == body) {
                None => problems.push(format!("{place}: no <pre> shows this block's text as it is")),
                Some(b) if b.code_class.as_deref() != Some("language-text") => problems
                    .push(format!("{place}: the block's <code> has class {:?}, not language-text", b.code_class)),
                Some(_) => {}
            }
        }
    }
    assert!(count > 40, "only {count} timelines and traces found in the book");
    problems.extend(code_wraps_or_is_not_monospace(book));
    assert!(problems.is_empty(), "Timelines that lose their alignment in HTML:\n{}\n", problems.join("\n"));
}

/// What in the stylesheets a chapter uses on a screen would wrap a `<pre>` or `<code>`,
/// or set its font to one that is not monospace.
fn code_wraps_or_is_not_monospace(book: &Book) -> Vec<String> {
    let mut sheets = Vec::new();
    for (name, page) in book.pages.iter().filter(|(name, _)| name.starts_with(|c: char| c.is_ascii_digit())) {
        for sheet in &page.stylesheets {
            let sheet = sheet.split('?').next().unwrap_or_default();
            let dir = name.rsplit_once('/').map_or("", |(dir, _)| dir);
            let sheet = if dir.is_empty() { sheet.to_string() } else { format!("{dir}/{sheet}") };
            if !sheets.contains(&sheet) {
                sheets.push(sheet);
            }
        }
    }
    let mut problems = Vec::new();
    let mut mono_font = None;
    let mut code_fonts = Vec::new();
    for sheet in &sheets {
        let Some(css) = book.css.get(sheet) else {
            problems.push(format!("  the chapters use a stylesheet the build did not write: {sheet}"));
            continue;
        };
        for (selector, declarations) in css_rules(css) {
            let code = selector.split(',').any(|s| {
                s.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').any(|w| matches!(w, "pre" | "code" | "hljs"))
            });
            for (property, value) in declarations.split(';').filter_map(|d| d.split_once(':')) {
                let (property, value) = (property.trim(), value.trim_end_matches("!important").trim());
                if property == "--mono-font" {
                    mono_font = Some(value.to_string());
                }
                if code && property == "white-space" && !matches!(value, "pre" | "nowrap") {
                    problems.push(format!("  {sheet}: `{selector} {{ white-space: {value} }}` wraps code"));
                }
                if code && property == "font-family" {
                    code_fonts.push((sheet.clone(), selector.clone(), value.to_string()));
                }
            }
        }
    }
    // Every font code is given is monospace (`var(--mono-font)` is, when it ends so).
    let mono = mono_font.as_deref().is_some_and(|f| f.ends_with("monospace"));
    if code_fonts.is_empty() {
        problems.push("  no stylesheet gives code a font".to_string());
    }
    for (sheet, selector, font) in code_fonts {
        if !(font.ends_with("monospace") || (font == "var(--mono-font)" && mono)) {
            problems.push(format!(
                "  {sheet}: `{selector} {{ font-family: {font} }}` (--mono-font: {mono_font:?}) is not monospace"
            ));
        }
    }
    problems
}

/// The rules of a stylesheet, as (selector, declarations), leaving out those inside
/// `@media print`.
fn css_rules(css: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..].split_once("*/").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut rules = Vec::new();
    let mut open: Vec<String> = Vec::new();
    let mut pending = String::new();
    for c in text.chars() {
        match c {
            '{' => open.push(std::mem::take(&mut pending).trim().to_string()),
            '}' => {
                let head = open.pop().unwrap_or_default();
                let print =
                    open.iter().any(|h| h.starts_with("@media") && h.contains("print") && !h.contains("screen"));
                let declarations = std::mem::take(&mut pending);
                if !head.starts_with('@') && !print {
                    rules.push((head, declarations));
                }
            }
            _ => pending.push(c),
        }
    }
    rules
}

/// Every `href` and `src` of every page that stays inside the book leads to a file the
/// build wrote, and its `#fragment` to an id on that page.
#[test]
fn every_link_inside_the_html_book_resolves() {
    let book = book();
    let mut broken = Vec::new();
    let mut count = 0;
    for (name, page) in &book.pages {
        // The 404 page is served from the site's root, whatever the URL asked for.
        if name == "404.html" {
            continue;
        }
        for link in &page.links {
            if link.is_empty() || link.contains(':') || link.starts_with("//") {
                continue; // another site, mailto:, javascript:, data:
            }
            count += 1;
            if let Err(why) = resolve(book, name, link) {
                broken.push(format!("  {name}: {link}: {why}"));
            }
        }
    }
    broken.dedup();
    eprintln!("note: {count} links inside the HTML book checked");
    assert!(broken.is_empty(), "Links in the HTML book that lead nowhere:\n{}\n", broken.join("\n"));
    assert!(count > 1000, "only {count} links inside the book: is the reader broken?");
}

/// Where `link` on page `from` leads, or why it leads nowhere.
fn resolve(book: &Book, from: &str, link: &str) -> Result<(), String> {
    let link = link.split('?').next().unwrap_or_default();
    let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
    let target = if path.is_empty() {
        from.to_string()
    } else {
        let mut parts: Vec<String> = from.split('/').map(String::from).collect();
        parts.pop();
        for component in Path::new(path).components() {
            match component {
                Component::ParentDir => {
                    parts.pop().ok_or("it leaves the book")?;
                }
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::RootDir => return Err("an absolute path depends on where the book is served".into()),
                _ => {}
            }
        }
        let joined = parts.join("/");
        if path.ends_with('/') || joined.is_empty() {
            format!("{joined}/index.html").trim_start_matches('/').to_string()
        } else {
            joined
        }
    };
    if !book.files.contains(&target) {
        return Err(format!("no file {target}"));
    }
    if fragment.is_empty() {
        return Ok(());
    }
    match book.pages.get(&target) {
        Some(page) if page.ids.contains(&percent_decoded(fragment)) => Ok(()),
        Some(_) => Err(format!("{target} has no id `{fragment}`")),
        None => Err(format!("{target} is not a page, it has no anchors")),
    }
}

fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A heading's Markdown as its HTML text: without backticks, emphasis or link syntax.
fn markdown_text(heading: &str) -> String {
    heading.chars().filter(|c| !matches!(c, '`' | '*')).collect::<String>().trim().to_string()
}

/// Text with mdBook's smart punctuation (on by default) undone: ’ is ', and so on.
fn plain_quotes(text: &str) -> String {
    text.replace(['‘', '’'], "'").replace(['“', '”'], "\"").replace('—', "---").replace('–', "--").replace('…', "...")
}

/// Reads a page with html5ever's tokenizer (the one mdBook's renderer uses).
fn read_page(html: &str) -> Page {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Reader::default(), TokenizerOpts::default());
    assert!(matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done));
    tokenizer.end();
    tokenizer.sink.page.take()
}

#[derive(Default)]
struct Reader {
    page: RefCell<Page>,
    state: RefCell<ReaderState>,
}

#[derive(Default)]
struct ReaderState {
    in_main: bool,
    in_pre: bool,
    title: Option<String>,
}

fn attribute<'t>(tag: &'t Tag, name: &str) -> Option<&'t str> {
    tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
}

impl TokenSink for Reader {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut page = self.page.borrow_mut();
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name = &*tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        if let Some(id) = attribute(&tag, "id") {
                            page.ids.insert(id.to_string());
                        }
                        if name == "a"
                            && let Some(anchor) = attribute(&tag, "name")
                        {
                            page.ids.insert(anchor.to_string());
                        }
                        for link in ["href", "src"] {
                            if let Some(target) = attribute(&tag, link) {
                                page.links.push(target.to_string());
                            }
                        }
                        match name {
                            "meta" => {
                                if let Some(charset) = attribute(&tag, "charset") {
                                    page.charset = Some(charset.to_string());
                                }
                            }
                            "link"
                                if attribute(&tag, "rel") == Some("stylesheet")
                                    && attribute(&tag, "media").is_none_or(|m| m.contains("screen") || m == "all") =>
                            {
                                page.stylesheets.extend(attribute(&tag, "href").map(String::from));
                            }
                            "main" => state.in_main = true,
                            "pre" if state.in_main => {
                                state.in_pre = true;
                                page.blocks.push(Block::default());
                            }
                            "code" if state.in_pre => {
                                if let Some(block) = page.blocks.last_mut() {
                                    block.code_class = attribute(&tag, "class").map(String::from);
                                }
                            }
                            "h1" if state.in_main => state.title = Some(String::new()),
                            "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" => return TokenSinkResult::RawData(RawKind::Rawtext),
                            _ => {}
                        }
                    }
                    TagKind::EndTag => match name {
                        "main" => state.in_main = false,
                        "pre" => state.in_pre = false,
                        "h1" => {
                            if let Some(title) = state.title.take() {
                                page.titles.push(title.trim().to_string());
                            }
                        }
                        _ => {}
                    },
                }
            }
            Token::CharacterTokens(text) => {
                if state.in_pre
                    && let Some(block) = page.blocks.last_mut()
                {
                    block.text.push_str(&text);
                }
                if let Some(title) = state.title.as_mut() {
                    title.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Collects mdBook's warnings and errors (it reports them through `tracing`).
#[derive(Clone, Default)]
struct Warnings(std::sync::Arc<std::sync::Mutex<Vec<String>>>);

impl tracing::Subscriber for Warnings {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        *metadata.level() <= tracing::Level::WARN
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::WARN)
    }

    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }

    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        struct Message(String);
        impl tracing::field::Visit for Message {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if !self.0.is_empty() {
                    self.0.push(' ');
                }
                if field.name() != "message" {
                    self.0.push_str(&format!("{}=", field.name()));
                }
                self.0.push_str(&format!("{value:?}"));
            }
        }
        let mut message = Message(String::new());
        event.record(&mut message);
        self.0.lock().unwrap().push(format!(
            "{} {}: {}",
            event.metadata().level(),
            event.metadata().target(),
            message.0
        ));
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}
