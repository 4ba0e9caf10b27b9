//! Checking that every link in the workbook leads somewhere: Markdown links between
//! files and to headings, and the `docs/src/…` references the grader prints and the
//! hints carry.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// A heading's anchor the way mdBook and GitHub make it: lower case, letters, digits,
/// `-` and `_` kept, each space a `-`, everything else dropped.
///
/// `## When one of them fails` → `when-one-of-them-fails`; `` ## `join!` and `try_join!` ``
/// → `join-and-try_join`.
pub fn slug(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_lowercase().next().unwrap_or(c))
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// Lines of a Markdown file outside fenced code blocks, with their 1-based numbers.
fn prose(text: &str) -> Vec<(usize, &str)> {
    let prose = crate::sync::prose_lines(text);
    text.lines().enumerate().filter(|(i, _)| prose[*i]).map(|(i, line)| (i + 1, line)).collect()
}

/// The anchors a Markdown file defines: one per heading (repeats numbered `-1`, `-2`, …)
/// and any `<a id="…">` or `<a name="…">`.
pub fn anchors(text: &str) -> BTreeSet<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut found = BTreeSet::new();
    // Headings as CommonMark reads them (`pulldown-cmark`): the text they show, code
    // without its backticks, links as their text.
    let mut heading: Option<String> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(heading.take().unwrap_or_default().trim());
                let mut id = base.clone();
                let mut n = 1;
                while found.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                found.insert(id);
            }
            _ => {}
        }
    }
    for (_, line) in prose(text) {
        for key in ["<a id=\"", "<a name=\""] {
            let mut rest = line;
            while let Some(at) = rest.find(key) {
                let after = &rest[at + key.len()..];
                if let Some(end) = after.find('"') {
                    found.insert(after[..end].to_string());
                }
                rest = after;
            }
        }
    }
    found
}

/// A link found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub line: usize,
    pub target: String,
}

/// Removes `inline code` spans, whose brackets are not links.
fn without_code_spans(line: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in line.chars() {
        if c == '`' {
            inside = !inside;
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// The Markdown links of a file: `[text](target)`, `![alt](target)` and `[label]: target`,
/// outside code.
pub fn markdown_links(text: &str) -> Vec<Link> {
    let mut links = Vec::new();
    for (number, raw) in prose(text) {
        let line = without_code_spans(raw);
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            let target = after[..end].split_whitespace().next().unwrap_or("").trim_matches(['<', '>']);
            links.push(Link { line: number, target: target.to_string() });
            rest = &after[end..];
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with('[')
            && let Some((label, target)) = trimmed.split_once("]: ")
            && !label.contains(']')
        {
            links.push(Link { line: number, target: target.split_whitespace().next().unwrap_or("").to_string() });
        }
    }
    links
}

/// The `docs/src/<chapter>.md[#anchor]` references in any text: what the grader prints,
/// hints, messages. They are relative to the workbook's root.
pub fn chapter_references(text: &str) -> Vec<Link> {
    let mut links = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("docs/src/") {
            let after = &rest[at..];
            let end = after.find(|c: char| !(c.is_ascii_alphanumeric() || "/._-#".contains(c))).unwrap_or(after.len());
            let target = after[..end].trim_end_matches(['.', '#']);
            if target.contains(".md") {
                links.push(Link { line: i + 1, target: target.to_string() });
            }
            rest = &after[end..];
        }
    }
    links
}

/// The chapters named in Rust string literals by their file name alone
/// (`"07-lock.md#the-idea"`), as the grader's explanations do: as `docs/src/…` links.
pub fn quoted_chapters(text: &str) -> Vec<Link> {
    let mut links = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for piece in line.split('"').skip(1).step_by(2) {
            let bytes = piece.as_bytes();
            let numbered =
                bytes.len() > 3 && bytes[0].is_ascii_digit() && bytes[1].is_ascii_digit() && bytes[2] == b'-';
            let (file, _) = piece.split_once('#').unwrap_or((piece, ""));
            if numbered && file.ends_with(".md") && !file.contains(['/', ' ', '{']) {
                links.push(Link { line: i + 1, target: format!("docs/src/{piece}") });
            }
        }
    }
    links
}

/// Why `target`, linked from a file in `dir`, does not resolve; `None` when it does.
/// `this` is the linking file's own text, for `#anchor` links within it.
pub fn broken(dir: &Path, this: &str, target: &str) -> Option<String> {
    if target.is_empty() {
        return Some("an empty link".to_string());
    }
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    };
    let text = if path.is_empty() {
        this.to_string()
    } else {
        let file = normalise(&dir.join(path));
        if file.is_dir() {
            return anchor.map(|_| format!("{target}: a folder has no headings to link to"));
        }
        if !file.is_file() {
            return Some(format!("{target}: there is no such file ({})", file.display()));
        }
        // A file linked without an anchor exists: nothing more to check.
        anchor?;
        if file.extension().is_none_or(|e| e != "md") {
            return Some(format!("{target}: only Markdown files have headings to link to"));
        }
        std::fs::read_to_string(&file).unwrap_or_default()
    };
    let anchor = anchor?;
    let defined = anchors(&text);
    if defined.contains(anchor) {
        return None;
    }
    let near: Vec<&String> = defined.iter().filter(|a| a.contains(anchor) || anchor.contains(a.as_str())).collect();
    Some(match near.first() {
        Some(a) => format!("{target}: no heading has the anchor #{anchor} (did you mean #{a}?)"),
        None => format!("{target}: no heading has the anchor #{anchor}"),
    })
}

/// `a/b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_mdbook_and_github() {
        assert_eq!(slug("When one of them fails"), "when-one-of-them-fails");
        assert_eq!(slug("`join!` and `try_join!`"), "join-and-try_join");
        assert_eq!(slug("04 · gather: run futures together"), "04--gather-run-futures-together");
        assert_eq!(slug("Python → Rust"), "python--rust");
    }

    #[test]
    fn anchors_count_repeated_headings_and_skip_code() {
        let text = "# A\n## Check yourself\n```text\n# not a heading\n```\n## Check yourself\n## [Link](x.md) here\n";
        let found = anchors(text);
        assert!(found.contains("a"));
        assert!(found.contains("check-yourself") && found.contains("check-yourself-1"));
        assert!(found.contains("link-here"));
        assert!(!found.contains("not-a-heading"));
    }

    #[test]
    fn links_are_found_outside_code() {
        let text = "See [a](a.md#x) and `[b](b.md)`.\n```\n[c](c.md)\n```\n[ref]: ../d.md\n![pic](p.png)\n";
        let targets: Vec<String> = markdown_links(text).into_iter().map(|l| l.target).collect();
        assert_eq!(targets, vec!["a.md#x", "../d.md", "p.png"]);
    }

    #[test]
    fn chapter_references_are_found_in_any_text() {
        let text = "hints = [\"see docs/src/04-gather.md#when-one-of-them-fails.\"]\nRead docs/src/07-lock.md\n";
        let targets: Vec<String> = chapter_references(text).into_iter().map(|l| l.target).collect();
        assert_eq!(targets, vec!["docs/src/04-gather.md#when-one-of-them-fails", "docs/src/07-lock.md"]);
    }

    #[test]
    fn chapters_quoted_by_file_name_are_found() {
        let text = "explanation(\"text\", \"07-lock.md#the-idea\");\nlet x = \"not-a-chapter.md\";\n\"03-tasks.md\"\n";
        let targets: Vec<String> = quoted_chapters(text).into_iter().map(|l| l.target).collect();
        assert_eq!(targets, vec!["docs/src/07-lock.md#the-idea", "docs/src/03-tasks.md"]);
    }

    #[test]
    fn a_missing_file_or_anchor_is_broken() {
        let dir = std::env::temp_dir().join(format!("book-links-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), "# Top\n## When it fails\n").unwrap();
        assert_eq!(broken(&dir, "", "a.md"), None);
        assert_eq!(broken(&dir, "", "a.md#when-it-fails"), None);
        assert!(broken(&dir, "", "a.md#when").unwrap().contains("did you mean #when-it-fails"));
        assert!(broken(&dir, "", "b.md").unwrap().contains("no such file"));
        assert_eq!(broken(&dir, "## Here\n", "#here"), None);
        assert_eq!(broken(&dir, "", "https://tokio.rs"), None);
    }
}
