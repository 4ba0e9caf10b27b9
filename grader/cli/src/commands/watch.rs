//! `grader watch`: check the current exercise again on every save. (Being written.)

use anyhow::Result;

use crate::config::Config;
use crate::exit::Outcome;

pub fn run(_config: &Config, _poll: bool) -> Result<Outcome> {
    anyhow::bail!("`grader watch` is being written; use `grader check` for now")
}
