//! Colours by meaning, not by hue. `colored`'s override is set once in
//! [`crate::config`]; everything here follows it.

use colored::{ColoredString, Colorize as _};

pub fn pass(text: &str) -> ColoredString {
    text.green().bold()
}

pub fn fail(text: &str) -> ColoredString {
    text.red().bold()
}

pub fn warn(text: &str) -> ColoredString {
    text.yellow().bold()
}

pub fn hint(text: &str) -> ColoredString {
    text.cyan()
}

pub fn heading(text: &str) -> ColoredString {
    text.bold()
}

pub fn dim(text: &str) -> ColoredString {
    text.dimmed()
}

pub fn command(text: &str) -> ColoredString {
    text.cyan().bold()
}

/// A grader command to suggest, spelled the way this grader was started: `cargo grader
/// check 04` when run through the `cargo grader` alias (cargo sets `CARGO_PKG_NAME`
/// for `cargo run`), else `grader check 04`.
pub fn invoke(arguments: &str) -> ColoredString {
    let through_cargo = std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name == "grader");
    let program = if through_cargo { "cargo grader" } else { "grader" };
    command(&format!("{program} {arguments}"))
}
