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
