//! One module per subcommand. Each takes the resolved [`crate::config::Config`] and a
//! writer, and returns whether the learner's code passed.

pub mod check;
pub mod grade;
pub mod hint;
pub mod list;
pub mod new;
pub mod next;
pub mod reset;
pub mod solution;
pub mod status;
pub mod verify;
pub mod watch;

use anyhow::Result;

use crate::config::Config;
use crate::exercise::{self, Exercise};
use crate::progress::Store;

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
