//! Keeping the book's generated blocks true to their sources.
//!
//! A chapter never holds Rust code, a timeline or a trace that was typed by hand. Each
//! such block follows a one-line directive, an HTML comment that neither mdBook nor a
//! code host shows, which names where the block comes from:
//!
//! ````text
//! <!-- code: ../examples/src/ch04.rs#join -->
//! ```rust
//! (the lines between `// ANCHOR: join` and `// ANCHOR_END: join`, dedented)
//! ```
//! ````
//!
//! | directive | the block holds | its source is proven by |
//! |---|---|---|
//! | `code: <file.rs>[#anchor]` | Rust code | compiling this crate (tests run it), or the exercise it is in |
//! | `code: <other file>[#L3-L8]` | a text file as it is (a snapshot), fenced as `text` | the file is the one the checks use |
//! | `does-not-compile: <file.rs>[#anchor]` | Rust code that must not compile | trybuild, in `grader/support/tests/compile_fail/` |
//! | `compiler-says: <file.stderr>` | rustc's error for it | the same trybuild run |
//! | `timeline: <file.trace or scene NAME> [until 3s]` | a timeline picture | `grader verify` (recorded traces) or running the scene |
//! | `trace: <file.trace or scene NAME>` | a trace table | the same |
//!
//! An anchor is a region between `// ANCHOR: name` and `// ANCHOR_END: name`; `#L3-L8`
//! takes lines 3 to 8 instead, for files that can't hold anchor comments (an answer
//! fixture's header). Paths are relative to the chapter, like its links. `<file.trace>` is a trace the
//! reference solution recorded (`exercises/NN-*/checks/expected/`), which
//! `grader verify` keeps current; `scene NAME` runs one of [`crate::scenes`].
//!
//! [`sync`] rewrites every block from its source: `cargo sync-book` writes the result,
//! and the book's tests fail when a chapter differs from it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use workbook::trace::Trace;

/// A drawing made from a trace: what a timeline or trace block shows.
#[derive(Debug, Clone)]
pub struct Picture {
    /// The events, in an order that is the same on every run.
    pub trace: Trace,
    /// How long the run took, in virtual time: the timeline's axis reaches this far.
    pub took: Duration,
}

impl Picture {
    /// Runs `future` the way checks do (paused clock, simulated services recording)
    /// and keeps what it recorded.
    pub fn of<F: Future>(future: F) -> Picture {
        let run = workbook::run(future);
        Picture { trace: workbook::expected::normal(&run.trace), took: run.virtual_elapsed }
    }

    /// Reads a trace that `grader verify` recorded: `took 1.000s` then the table.
    pub fn load(path: &Path) -> Result<Picture, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("can't read {}: {e}", path.display()))?;
        let (trace, took) = workbook::expected::parse(&text).ok_or_else(|| {
            format!("{} is not a recorded trace: it should start with `took <secs>s`", path.display())
        })?;
        Ok(Picture { trace, took })
    }
}

/// A scene: a run of example code whose trace a chapter draws.
pub type Scene = (&'static str, fn() -> Picture);

/// One problem with a chapter's generated blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The chapter, as given to [`sync`].
    pub file: PathBuf,
    /// 1-based line of the directive.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// A directive found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: Kind,
    /// What follows the kind, as written.
    pub argument: String,
    /// 1-based line of the directive.
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Code,
    DoesNotCompile,
    CompilerSays,
    Timeline,
    Trace,
}

impl Kind {
    fn parse(word: &str) -> Option<Kind> {
        Some(match word {
            "code" => Kind::Code,
            "does-not-compile" => Kind::DoesNotCompile,
            "compiler-says" => Kind::CompilerSays,
            "timeline" => Kind::Timeline,
            "trace" => Kind::Trace,
            _ => return None,
        })
    }

    /// The fence language the block must declare.
    fn language(self) -> &'static str {
        match self {
            Kind::Code | Kind::DoesNotCompile => "rust",
            Kind::CompilerSays | Kind::Timeline | Kind::Trace => "text",
        }
    }
}

/// Parses `<!-- kind: argument -->`, if the line is a directive.
pub fn directive(line: &str, number: usize) -> Option<Result<Directive, String>> {
    let inner = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let (word, argument) = inner.split_once(':')?;
    if word.contains(' ') {
        return None;
    }
    Some(match Kind::parse(word.trim()) {
        Some(kind) => Ok(Directive { kind, argument: argument.trim().to_string(), line: number }),
        None => {
            Err(format!("unknown directive `{word}`: use code, does-not-compile, compiler-says, timeline or trace"))
        }
    })
}

/// A fenced block: the fence line's language and the body's line range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    pub language: String,
    /// Index of the opening fence line (0-based).
    pub open: usize,
    /// Index of the closing fence line (0-based).
    pub close: usize,
    /// The directive on the line just above, if any.
    pub directive: Option<Directive>,
}

/// A fenced code block of a Markdown text, as CommonMark reads it: opened by three
/// backticks or more, closed by a line of at least as many.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// How many backticks open it.
    pub ticks: usize,
    /// What follows the opening backticks: `rust`, `text`, …
    pub language: String,
    /// Index of the opening fence line (0-based).
    pub open: usize,
    /// Index of the closing fence line; `None` when the block runs to the end.
    pub close: Option<usize>,
}

/// Every fenced block of `text`, in order, as CommonMark reads them (`pulldown-cmark`,
/// the parser mdBook uses): fences inside list items and quotes included, a longer
/// fence's inner ``` lines left as its text.
pub fn blocks(text: &str) -> Vec<Block> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let line_of = |offset: usize| text[..offset].matches('\n').count();
    let mut out = Vec::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event else { continue };
        let open = line_of(range.start);
        let opening = text[range.start..].lines().next().unwrap_or("").trim_start();
        let mark = opening.chars().next().unwrap_or('`');
        let ticks = opening.chars().take_while(|&c| c == mark).count();
        // The block's last line is its closing fence, unless it ran to the end.
        let body = text[range.clone()].trim_end_matches('\n');
        let last = open + body.matches('\n').count();
        let last_line = body.lines().last().unwrap_or("").trim();
        let closed = last > open && last_line.chars().all(|c| c == mark) && last_line.chars().count() >= ticks;
        out.push(Block { ticks, language: info.trim().to_string(), open, close: closed.then_some(last) });
    }
    out
}

/// For each line of `text`, whether it is prose: outside every fenced block, fences
/// included.
pub fn prose_lines(text: &str) -> Vec<bool> {
    let mut prose = vec![true; text.lines().count()];
    for block in blocks(text) {
        let end = block.close.unwrap_or(prose.len() - 1);
        prose[block.open..=end].iter_mut().for_each(|p| *p = false);
    }
    prose
}

/// Every fenced block of a chapter, with the directive just above it. Blocks fenced
/// with four backticks or more are quoted Markdown and are skipped whole.
pub fn fences(text: &str) -> Result<Vec<Fence>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for block in blocks(text) {
        let Some(close) = block.close else {
            return Err(format!("line {}: this ``` block is never closed", block.open + 1));
        };
        let directive = match block.open.checked_sub(1).and_then(|above| directive(lines[above], above + 1)) {
            Some(Ok(d)) => Some(d),
            Some(Err(e)) => return Err(format!("line {}: {e}", block.open)),
            None => None,
        };
        if block.ticks == 3 {
            out.push(Fence { language: block.language, open: block.open, close, directive });
        }
    }
    Ok(out)
}

/// The lines of `file` between `// ANCHOR: name` and `// ANCHOR_END: name` (the whole
/// file without `anchor`), other anchor lines left out, dedented.
pub fn region(file: &Path, anchor: Option<&str>) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("can't read {}: {e}", file.display()))?;
    let is_marker = |line: &str| line.contains("ANCHOR:") || line.contains("ANCHOR_END:");
    let lines: Vec<&str> = match anchor {
        None => text.lines().filter(|l| !is_marker(l)).collect(),
        // `#L3-L8`: lines 3 to 8, for files that can't hold anchor comments.
        Some(range) if range.starts_with('L') && range.contains("-L") => {
            let (from, to) = range[1..].split_once("-L").unwrap_or_default();
            let (Ok(from), Ok(to)) = (from.parse::<usize>(), to.parse::<usize>()) else {
                return Err(format!("`#{range}`: write a line range as #L3-L8"));
            };
            if from == 0 || to < from || to > text.lines().count() {
                return Err(format!("`#{range}`: {} has {} lines", file.display(), text.lines().count()));
            }
            text.lines().skip(from - 1).take(to - from + 1).collect()
        }
        Some(name) => {
            let start = text
                .lines()
                .position(|l| l.trim() == format!("// ANCHOR: {name}"))
                .ok_or_else(|| format!("{} has no `// ANCHOR: {name}` line", file.display()))?;
            let len = text
                .lines()
                .skip(start + 1)
                .position(|l| l.trim() == format!("// ANCHOR_END: {name}"))
                .ok_or_else(|| format!("{} has no `// ANCHOR_END: {name}` after its ANCHOR", file.display()))?;
            text.lines().skip(start + 1).take(len).filter(|l| !is_marker(l)).collect()
        }
    };
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min();
    let indent = indent.unwrap_or(0);
    let mut out = String::new();
    for line in &lines {
        out.push_str(line.get(indent..).unwrap_or("").trim_end());
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    if trimmed.is_empty() {
        return Err(format!(
            "the region {}{} is empty",
            file.display(),
            anchor.map(|a| format!("#{a}")).unwrap_or_default()
        ));
    }
    Ok(format!("{trimmed}\n"))
}

/// What a directive says the block should hold.
fn generate(d: &Directive, dir: &Path, scenes: &[Scene]) -> Result<String, String> {
    match d.kind {
        Kind::Code | Kind::DoesNotCompile => {
            let (path, anchor) = match d.argument.split_once('#') {
                Some((path, anchor)) => (path, Some(anchor)),
                None => (d.argument.as_str(), None),
            };
            let file = dir.join(path);
            if d.kind == Kind::DoesNotCompile {
                let stderr = file.with_extension("stderr");
                let in_trybuild = file.parent().is_some_and(|p| p.ends_with("tests/compile_fail"));
                if !in_trybuild || !stderr.is_file() {
                    return Err(format!(
                        "{path} is not a trybuild case: a block that does not compile must come from \
                         grader/support/tests/compile_fail/, beside its .stderr"
                    ));
                }
            }
            region(&file, anchor)
        }
        Kind::CompilerSays => {
            let file = dir.join(&d.argument);
            if file.extension().is_none_or(|e| e != "stderr") {
                return Err(format!("{} is not a trybuild .stderr file", d.argument));
            }
            let text = std::fs::read_to_string(&file).map_err(|e| format!("can't read {}: {e}", file.display()))?;
            Ok(format!("{}\n", text.trim_end()))
        }
        Kind::Timeline | Kind::Trace => {
            let (source, until) = match d.argument.rsplit_once(" until ") {
                Some((source, until)) => {
                    let until = until
                        .strip_suffix('s')
                        .and_then(parse_secs_plain)
                        .ok_or_else(|| format!("`until {until}`: write the end as seconds, like `until 3s`"))?;
                    (source.trim(), Some(until))
                }
                None => (d.argument.as_str(), None),
            };
            let picture = match source.strip_prefix("scene ") {
                Some(name) => {
                    let name = name.trim();
                    let (_, scene) = scenes.iter().find(|(n, _)| *n == name).ok_or_else(|| {
                        format!("there is no scene `{name}`: scenes are listed in docs/examples/src/lib.rs")
                    })?;
                    scene()
                }
                None => Picture::load(&dir.join(source))?,
            };
            let text = match d.kind {
                Kind::Timeline => workbook::timeline(&picture.trace, until.unwrap_or(picture.took)),
                _ => picture.trace.table(),
            };
            Ok(text.lines().map(|l| format!("{}\n", l.trim_end())).collect())
        }
    }
}

fn parse_secs_plain(text: &str) -> Option<Duration> {
    let secs: f64 = text.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

/// The chapter with every generated block rewritten from its source, and the problems
/// found on the way (a block whose source is missing keeps its text).
pub fn sync(file: &Path, text: &str, scenes: &[Scene]) -> (String, Vec<Problem>) {
    let dir = file.parent().unwrap_or(Path::new("."));
    let problem = |line: usize, message: String| Problem { file: file.to_path_buf(), line, message };
    let fences = match fences(text) {
        Ok(f) => f,
        Err(e) => return (text.to_string(), vec![problem(0, e)]),
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let mut next = 0;
    for fence in fences {
        let Some(d) = &fence.directive else { continue };
        // `code:` may also copy a text file (a snapshot, a config): it is fenced as text.
        let path = d.argument.split('#').next().unwrap_or_default();
        let language = if d.kind == Kind::Code && !path.ends_with(".rs") { "text" } else { d.kind.language() };
        if !fence.language.starts_with(language) {
            problems.push(problem(d.line, format!("the block after this directive should be fenced as ```{language}")));
            continue;
        }
        match generate(d, dir, scenes) {
            Ok(body) => {
                out.extend(lines[next..=fence.open].iter().map(|l| l.to_string()));
                out.extend(body.lines().map(str::to_string));
                next = fence.close;
            }
            Err(message) => problems.push(problem(d.line, message)),
        }
    }
    out.extend(lines[next..].iter().map(|l| l.to_string()));
    let mut result = out.join("\n");
    if text.ends_with('\n') {
        result.push('\n');
    }
    (result, problems)
}

/// The workbook's root: this crate lives in `docs/examples`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The book's pages: every `.md` file in `docs/src`, in name order.
pub fn pages(root: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(root.join("docs/src"))
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    pages.retain(|p| p.extension().is_some_and(|e| e == "md"));
    pages.sort();
    pages
}

/// What syncing the whole book found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Pages whose generated blocks differ from their sources (relative to the root).
    pub drifted: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Syncs every page of the book; with `write`, drifted pages are rewritten.
pub fn sync_book(root: &Path, scenes: &[Scene], write: bool) -> Outcome {
    sync_pages(root, &pages(root), scenes, write)
}

/// Syncs the given pages of the book; with `write`, drifted pages are rewritten.
pub fn sync_pages(root: &Path, pages: &[PathBuf], scenes: &[Scene], write: bool) -> Outcome {
    let mut outcome = Outcome::default();
    for page in pages {
        let relative = page.strip_prefix(root).unwrap_or(page).to_path_buf();
        let text = match std::fs::read_to_string(page) {
            Ok(text) => text,
            Err(e) => {
                outcome.problems.push(Problem { file: relative, line: 0, message: format!("can't read it: {e}") });
                continue;
            }
        };
        let (synced, problems) = sync(page, &text, scenes);
        outcome.problems.extend(problems.into_iter().map(|p| Problem { file: relative.clone(), ..p }));
        if synced != text {
            if write && let Err(e) = std::fs::write(page, &synced) {
                outcome.problems.push(Problem {
                    file: relative.clone(),
                    line: 0,
                    message: format!("can't write it: {e}"),
                });
            }
            outcome.drifted.push(relative);
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, files: &[(&str, &str)]) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("book-sync-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn a_region_is_the_lines_between_its_anchors_dedented() {
        let dir = scratch(
            "region",
            &[(
                "a.rs",
                "fn main() {\n    // ANCHOR: x\n    let a = 1;\n    // ANCHOR: y\n        nested();\n    // ANCHOR_END: y\n    // ANCHOR_END: x\n}\n",
            )],
        );
        assert_eq!(region(&dir.join("a.rs"), Some("x")).unwrap(), "let a = 1;\n    nested();\n");
        assert_eq!(region(&dir.join("a.rs"), Some("y")).unwrap(), "nested();\n");
        assert_eq!(region(&dir.join("a.rs"), Some("L1-L1")).unwrap(), "fn main() {\n");
        assert!(region(&dir.join("a.rs"), Some("L2-L99")).unwrap_err().contains("has 8 lines"));
        assert!(region(&dir.join("a.rs"), None).unwrap().starts_with("fn main() {\n    let a = 1;"));
        let missing = region(&dir.join("a.rs"), Some("z")).unwrap_err();
        assert!(missing.contains("no `// ANCHOR: z`"), "{missing}");
    }

    #[test]
    fn sync_rewrites_a_drifted_block_and_keeps_everything_else() {
        let dir =
            scratch("sync", &[("src/a.rs", "// ANCHOR: x\nlet fresh = 1;\n// ANCHOR_END: x\n"), ("doc/ch.md", "")]);
        let chapter = dir.join("doc/ch.md");
        let text = "# Title\n\n<!-- code: ../src/a.rs#x -->\n```rust\nlet stale = 0;\n```\n\n```rust\nby hand\n```\n";
        let (out, problems) = sync(&chapter, text, &[]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            out,
            "# Title\n\n<!-- code: ../src/a.rs#x -->\n```rust\nlet fresh = 1;\n```\n\n```rust\nby hand\n```\n"
        );
        assert_eq!(sync(&chapter, &out, &[]).0, out, "a synced chapter is a fixed point");
    }

    #[test]
    fn a_timeline_comes_from_a_recorded_trace_or_a_scene() {
        let trace = "took 2.000s\n  0.000s  GET /a  ▶ request sent\n  1.000s  GET /a  ■ 200 OK\n";
        let dir = scratch("timeline", &[("t.trace", trace)]);
        let text = "<!-- timeline: t.trace -->\n```text\n```\n<!-- trace: scene s -->\n```text\nold\n```\n";
        let scene: Scene = ("s", || {
            Picture::load(&std::env::temp_dir().join("nonexistent")).unwrap_or(Picture {
                trace: Trace::parse_table("  0.500s  task  • wakes\n"),
                took: Duration::from_secs(1),
            })
        });
        let (out, problems) = sync(&dir.join("ch.md"), text, &[scene]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(out.contains("GET /a  ██████████"), "{out}");
        assert!(out.contains("  0.500s  task  • wakes\n"), "{out}");
        assert!(!out.contains("old"));
    }

    #[test]
    fn a_bad_directive_is_named_with_its_line() {
        let dir = scratch("bad", &[]);
        let text = "intro\n<!-- code: nowhere.rs -->\n```rust\nx\n```\n<!-- timeline: scene nope -->\n```text\n```\n<!-- code: x.rs -->\n```python\n```\n";
        let (out, problems) = sync(&dir.join("ch.md"), text, &[]);
        assert_eq!(out, text, "a block whose source is missing keeps its text");
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 6, 9], "{problems:?}");
        assert!(problems[0].message.contains("can't read"));
        assert!(problems[1].message.contains("there is no scene `nope`"));
        assert!(problems[2].message.contains("fenced as ```rust"));
    }

    #[test]
    fn a_block_that_does_not_compile_must_be_a_trybuild_case() {
        let dir = scratch("fail", &[("x.rs", "fn main() {}\n")]);
        let text = "<!-- does-not-compile: x.rs -->\n```rust\n```\n";
        let (_, problems) = sync(&dir.join("ch.md"), text, &[]);
        assert!(problems[0].message.contains("not a trybuild case"), "{problems:?}");
    }

    #[test]
    fn blocks_close_as_commonmark_says_and_may_run_to_the_end() {
        let text = "a\n````md\n```rust\n```\n````\nb\n```text\nx\n`````\nc\n```\nopen\n";
        let found: Vec<(usize, usize, Option<usize>)> =
            blocks(text).iter().map(|b| (b.ticks, b.open, b.close)).collect();
        assert_eq!(found, vec![(4, 1, Some(4)), (3, 6, Some(8)), (3, 10, None)]);
        let prose: Vec<bool> = prose_lines(text);
        assert_eq!(prose, vec![true, false, false, false, false, true, false, false, false, true, false, false]);
    }

    #[test]
    fn quoted_markdown_in_four_backticks_is_not_a_block() {
        let text = "````text\n<!-- code: a.rs -->\n```rust\n```\n````\n";
        assert!(fences(text).unwrap().is_empty());
    }
}
