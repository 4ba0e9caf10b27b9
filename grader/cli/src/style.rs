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
