//! `grader list`: the exercises in order, with their status (see
//! [`crate::learner::list`]).

use std::io::Write;

use anyhow::Result;

use crate::cli::Format;
use crate::config::Config;
use crate::exit::Outcome;

pub fn run(config: &Config, format: Format, out: &mut dyn Write) -> Result<Outcome> {
    crate::learner::list::show(config, format, out)
}
