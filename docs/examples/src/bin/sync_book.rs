//! `cargo sync-book`: rewrites every generated block of the book (Rust code, timelines,
//! traces, compiler errors) from its source. `cargo sync-book --check` only reports
//! the pages that have drifted, and exits 1 when there are any.

use std::process::ExitCode;

fn main() -> ExitCode {
    let check = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--check") => true,
        Some(other) => {
            eprintln!("sync-book: unknown argument `{other}`. Run `cargo sync-book` to rewrite the book's generated blocks, or `cargo sync-book --check` to list the pages that drifted.");
            return ExitCode::from(2);
        }
    };
    let root = book_examples::sync::root();
    let outcome = book_examples::sync::sync_book(&root, &book_examples::scenes(), !check);
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
        println!("The book's {} pages match their sources.", book_examples::sync::pages(&root).len());
    }
    if outcome.problems.is_empty() && (!check || outcome.drifted.is_empty()) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
