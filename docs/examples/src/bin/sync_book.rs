//! `cargo sync-book`: rewrites every generated block of the book (Rust code, timelines,
//! traces, compiler errors) from its source. `cargo sync-book --check` only reports
//! the pages that have drifted, and exits 1 when there are any. Name pages
//! (`cargo sync-book 04-gather.md`) to sync only those.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut check = false;
    let mut only: Vec<String> = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            flag if flag.starts_with('-') => {
                eprintln!(
                    "sync-book: unknown option `{flag}`. Run `cargo sync-book [PAGE…]` to rewrite the book's \
                     generated blocks, or `cargo sync-book --check` to list the pages that drifted."
                );
                return ExitCode::from(2);
            }
            page => only.push(page.rsplit('/').next().unwrap_or(page).to_string()),
        }
    }
    let root = book_examples::sync::root();
    let pages: Vec<_> = book_examples::sync::pages(&root)
        .into_iter()
        .filter(|p| only.is_empty() || only.iter().any(|o| p.file_name().is_some_and(|n| n.to_string_lossy() == *o)))
        .collect();
    if pages.is_empty() {
        eprintln!("sync-book: no page of docs/src is named {}", only.join(", "));
        return ExitCode::from(2);
    }
    let outcome = book_examples::sync::sync_pages(&root, &pages, &book_examples::scenes(), !check);
    for problem in &outcome.problems {
        eprintln!("error: {problem}");
    }
    for page in &outcome.drifted {
        if check {
            println!("drifted: {}", page.display());
        } else {
            println!("rewrote {}", page.display());
        }
    }
    if outcome.drifted.is_empty() && outcome.problems.is_empty() {
        println!("{} pages match their sources.", pages.len());
    }
    if outcome.problems.is_empty() && (!check || outcome.drifted.is_empty()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
