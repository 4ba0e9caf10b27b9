//! `grader next`: move on to the next exercise (see [`crate::learner::next`]).

use std::io::Write;

use anyhow::Result;

use crate::config::Config;
use crate::exit::Outcome;

pub fn run(config: &Config, out: &mut dyn Write) -> Result<Outcome> {
    crate::learner::next::advance(config, out, false)
}
