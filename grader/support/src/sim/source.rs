//! Reading the learner's source, for the checks whose mistake one thread never shows (a
//! race between two lines with no `.await` between them) or the clock does not make
//! visible (polling on the real clock). Not a simulated service: the plain-text tools
//! those checks share, so that each check names the lines it found.
//!
//! Every position is a byte offset into the text given to [`code_only`], which keeps
//! offsets and line numbers, so [`line_at`] can quote the learner's own line.

use std::ops::Range;

/// `src` with comments, and the insides of string and char literals, blanked out with
/// spaces (newlines kept, so byte offsets and line numbers stay those of `src`).
///
/// ```
/// use workbook::sim::source::code_only;
/// let code = code_only("let a = \"loop {\"; // sleep(1)\nloop {}");
/// assert!(!code.contains("sleep") && code.matches("loop").count() == 1);
/// ```
pub fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            let end = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j);
            i = j + 1;
        } else if b[i] == b'\'' && (b.get(i + 1) == Some(&b'\\') || b.get(i + 2) == Some(&b'\'')) {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'\'' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i + 1, j);
            i = j + 1;
        } else {
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The 1-based line of byte `at` in `src`, and that line, trimmed.
pub fn line_at(src: &str, at: usize) -> (usize, &str) {
    let number = src[..at.min(src.len())].matches('\n').count() + 1;
    (number, src.lines().nth(number - 1).unwrap_or("").trim())
}

/// `  line 12: <that line>`, for a message that quotes the learner's source.
pub fn quote(src: &str, at: usize) -> String {
    let (number, text) = line_at(src, at);
    format!("  line {number}: {text}")
}

/// The position of the `}` that closes the `{` at `open`.
pub fn closing(code: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in code.bytes().enumerate().skip(open) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Where any of `patterns` occurs in `code[range]`, as offsets into `code`, in order.
pub fn find_all(code: &str, range: Range<usize>, patterns: &[&str]) -> Vec<usize> {
    let mut found: Vec<usize> = patterns
        .iter()
        .flat_map(|p| code[range.clone()].match_indices(p).map(|(i, _)| range.start + i).collect::<Vec<_>>())
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The `{ … }` blocks around `at`, innermost first, each from its `{` to its `}`.
pub fn blocks_around(code: &str, at: usize) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut depth = 0i32;
    for (i, c) in code.as_bytes()[..at.min(code.len())].iter().enumerate().rev() {
        match c {
            b'}' => depth += 1,
            b'{' if depth > 0 => depth -= 1,
            b'{' => {
                if let Some(close) = closing(code, i) {
                    found.push(i..close + 1);
                }
            }
            _ => {}
        }
    }
    found
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Every `loop`, `while` and `for … in` loop in `code`: from its keyword to the end of
/// its body, so a `while` loop's condition (looked at before each turn) is part of it.
///
/// ```
/// use workbook::sim::source::loops;
/// let code = "impl A for B { fn f() { while x() { for i in y { z() } } } }";
/// let found: Vec<&str> = loops(code).into_iter().map(|r| &code[r]).collect();
/// assert_eq!(found, ["while x() { for i in y { z() } }", "for i in y { z() }"]);
/// ```
pub fn loops(code: &str) -> Vec<Range<usize>> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    for keyword in ["loop", "while", "for"] {
        for (at, _) in code.match_indices(keyword) {
            let end = at + keyword.len();
            if at > 0 && is_ident(b[at - 1]) || b.get(end).is_some_and(|&c| is_ident(c)) {
                continue;
            }
            let Some(open) = code[end..].find(['{', ';']).map(|n| end + n) else { continue };
            if b[open] == b';' || keyword == "for" && !code[end..open].contains(" in ") {
                continue;
            }
            if let Some(close) = closing(code, open) {
                found.push(at..close + 1);
            }
        }
    }
    found.sort_by_key(|r| r.start);
    found
}
