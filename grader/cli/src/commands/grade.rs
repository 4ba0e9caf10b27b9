//! `grader grade <submissions>`: grade a class.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::config::Config;
use crate::exit::Outcome;

/// How to grade.
#[derive(Debug, Default)]
pub struct Options {
    pub jobs: Option<usize>,
    pub shard: Option<String>,
    pub exercises: Vec<String>,
    pub timeout: Option<u64>,
    pub memory_mib: u64,
}

pub fn run(
    _config: &Config,
    _paths: &[PathBuf],
    _out_dir: &Path,
    _options: Options,
    _out: &mut dyn Write,
) -> Result<Outcome> {
    bail!("`grader grade` is not written yet")
}

pub fn merge(_config: &Config, _paths: &[PathBuf], _out_dir: &Path, _out: &mut dyn Write) -> Result<Outcome> {
    bail!("`grader grade --merge` is not written yet")
}
