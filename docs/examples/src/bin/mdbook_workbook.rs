//! An mdBook preprocessor for the workbook's book (`docs/book.toml` runs it).
//!
//! The chapters link to files outside `docs/src`: an exercise's task, a source file.
//! On a code host those links work as they are; in the built book they would lead
//! nowhere. This rewrites each of them into a link to the repository when
//! `[preprocessor.workbook] repository = "https://…/blob/main"` is set, and otherwise
//! into the link's text followed by the path, which the reader finds in their checkout.
//!
//! mdBook runs `mdbook-workbook supports <renderer>` first, then sends
//! `[context, book]` as JSON on stdin and reads the book back on stdout.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("supports") {
        return ExitCode::SUCCESS;
    }
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("mdbook-workbook: can't read the book from mdBook: {e}");
        return ExitCode::FAILURE;
    }
    let (context, mut book) = match serde_json::from_str::<Value>(&input) {
        Ok(Value::Array(mut pair)) if pair.len() == 2 => {
            let book = pair.pop().unwrap_or_default();
            (pair.pop().unwrap_or_default(), book)
        }
        _ => {
            eprintln!(
                "mdbook-workbook: expected [context, book] as JSON on stdin; this runs as an mdBook preprocessor"
            );
            return ExitCode::FAILURE;
        }
    };
    let repository = context
        .pointer("/config/preprocessor/workbook/repository")
        .and_then(Value::as_str)
        .map(|r| r.trim_end_matches('/').to_string());
    rewrite_chapters(&mut book, repository.as_deref());
    println!("{book}");
    ExitCode::SUCCESS
}

/// Walks the book's JSON (whatever mdBook version wrote it) and rewrites each chapter.
fn rewrite_chapters(value: &mut Value, repository: Option<&str>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(chapter)) = map.get_mut("Chapter") {
                let path = chapter.get("path").and_then(Value::as_str).map(PathBuf::from);
                if let (Some(path), Some(Value::String(content))) = (path, chapter.get_mut("content")) {
                    *content = rewrite(content, &path, repository);
                }
            }
            for child in map.values_mut() {
                rewrite_chapters(child, repository);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| rewrite_chapters(item, repository)),
        _ => {}
    }
}

/// Rewrites the links of one chapter (`page` relative to `docs/src`) that leave the book.
fn rewrite(content: &str, page: &Path, repository: Option<&str>) -> String {
    let prose = book_examples::sync::prose_lines(content);
    let mut out = String::new();
    for (i, line) in content.split_inclusive('\n').enumerate() {
        if prose.get(i).copied().unwrap_or(true) {
            out.push_str(&rewrite_line(line, page, repository));
        } else {
            out.push_str(line);
        }
    }
    out
}

fn rewrite_line(line: &str, page: &Path, repository: Option<&str>) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("](") {
        let Some(open) = opening_bracket(&rest[..at]) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        let Some(close) = rest[at + 2..].find(')') else { break };
        let text = &rest[open + 1..at];
        let target = &rest[at + 2..at + 2 + close];
        let image = open > 0 && rest[..open].ends_with('!');
        match outside(page, target) {
            Some(path) if !image => {
                out.push_str(&rest[..open]);
                match repository {
                    Some(repo) => out.push_str(&format!("[{text}]({repo}/{path})")),
                    None if text.contains(path.rsplit('/').next().unwrap_or(&path)) => out.push_str(text),
                    None => out.push_str(&format!("{text} (`{path}`)")),
                }
            }
            _ => out.push_str(&rest[..at + 3 + close]),
        }
        rest = &rest[at + 3 + close..];
    }
    out.push_str(rest);
    out
}

/// Where the `[` of a link whose `](` follows `before` is.
fn opening_bracket(before: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in before.char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some(i),
            '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The repository path a link leads to, when it leaves `docs/src`.
fn outside(page: &Path, target: &str) -> Option<String> {
    if target.is_empty() || target.starts_with('#') || target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, format!("#{anchor}")),
        None => (target, String::new()),
    };
    // The page's place in the repository: docs/src/<page>.
    let mut parts: Vec<String> = vec!["docs".into(), "src".into()];
    parts.extend(page.parent().into_iter().flat_map(|p| p.components()).filter_map(|c| match c {
        Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
        _ => None,
    }));
    for component in Path::new(path).components() {
        match component {
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    let inside = parts.len() > 2 && parts[0] == "docs" && parts[1] == "src";
    (!inside).then(|| format!("{}{anchor}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_the_book_stay() {
        let page = Path::new("04-gather.md");
        let line = "See [chapter 03](03-tasks.md#spawn) and [here](#top).\n";
        assert_eq!(rewrite(line, page, None), line);
    }

    #[test]
    fn links_out_of_the_book_go_to_the_repository_or_become_paths() {
        let page = Path::new("04-gather.md");
        let line = "Exercise: [`exercises/04-gather/README.md`](../../exercises/04-gather/README.md) · [the CI file](../ci/classroom.yml)\n";
        assert_eq!(
            rewrite(line, page, Some("https://example.org/w/blob/main")),
            "Exercise: [`exercises/04-gather/README.md`](https://example.org/w/blob/main/exercises/04-gather/README.md) · [the CI file](https://example.org/w/blob/main/docs/ci/classroom.yml)\n"
        );
        assert_eq!(
            rewrite(line, page, None),
            "Exercise: `exercises/04-gather/README.md` · the CI file (`docs/ci/classroom.yml`)\n"
        );
    }

    #[test]
    fn code_blocks_are_left_alone() {
        let text = "```rust\nlet x = [a](../../b.rs);\n```\n";
        assert_eq!(rewrite(text, Path::new("a.md"), None), text);
        let quoted = "````md\n```rust\n```\n[a](../../b.rs)\n````\n";
        assert_eq!(rewrite(quoted, Path::new("a.md"), None), quoted, "a ``` line inside ```` is not a fence");
    }

    #[test]
    fn every_chapter_of_the_json_is_rewritten() {
        let mut book = serde_json::json!({"items": [{"Chapter": {
            "content": "[t](../../x.md)", "path": "a.md",
            "sub_items": [{"Chapter": {"content": "[u](../../y.rs)", "path": "b.md", "sub_items": []}}]
        }}]});
        rewrite_chapters(&mut book, None);
        assert_eq!(book.pointer("/items/0/Chapter/content").unwrap(), "t (`x.md`)");
        assert_eq!(book.pointer("/items/0/Chapter/sub_items/0/Chapter/content").unwrap(), "u (`y.rs`)");
    }
}
