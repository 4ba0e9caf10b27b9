//! `grader new <NN-name>`: scaffold a new exercise.

use std::io::Write;

use anyhow::{Result, bail};

use crate::config::Config;
use crate::exit::Outcome;

pub fn run(_config: &Config, name: &str, _title: Option<&str>, _out: &mut dyn Write) -> Result<Outcome> {
    bail!("`grader new {name}` is not written yet")
}
