//! `grader hint`: the next hint on each call, or all of them (see
//! [`crate::learner::hints`]).

use std::io::Write;

use anyhow::Result;

use crate::config::Config;
use crate::exit::Outcome;

pub fn run(config: &Config, query: Option<&str>, all: bool, out: &mut dyn Write) -> Result<Outcome> {
    crate::learner::hints::show(config, query, all, false, out)
}
