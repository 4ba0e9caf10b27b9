//! The learner's way around, shared by the commands and `grader watch`'s keys: the
//! workbook they start from (the exercises and the progress), whose check it is, and
//! the views a key or a command shows (a hint, the next exercise, the list, every
//! exercise checked). Commands stand on it; none calls another.

pub mod check_all;
pub mod hints;
pub mod list;
pub mod next;

use anyhow::Result;

use crate::config::Config;
use crate::exercise::{self, Exercise};
use crate::progress::Store;

/// Whose check it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A learner's: the verdict is recorded (unless it is a pass on edited grader files),
    /// and edits to the grader's files are named, with how to put them back.
    Learner,
    /// An author's (`--authoring`): the grader's files are taken as they are, new and
    /// changed files are expected, and nothing is recorded, pass or not. An exercise the
    /// shipped version does not have is checked this way even without the flag.
    Authoring,
}

/// What most commands start from: the exercises and the learner's progress.
pub(crate) struct Workbook {
    pub exercises: Vec<Exercise>,
    pub store: Store,
}

impl Workbook {
    pub(crate) fn load(config: &Config) -> Result<Workbook> {
        let exercises = exercise::discover(&config.exercises_dir())?;
        let store = Store::load(&config.state_dir())?;
        if let Some(note) = store.recovery_note() {
            eprintln!("{} {note}", crate::style::warn("warning:"));
        }
        Ok(Workbook { exercises, store })
    }

    /// The exercise named by `query`, or the current one.
    pub(crate) fn pick(&self, query: Option<&str>) -> Result<&Exercise> {
        match query {
            Some(query) => exercise::resolve(&self.exercises, query),
            None => Ok(self.store.current(&self.exercises)),
        }
    }
}
