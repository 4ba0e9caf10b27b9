//! The grader: checks the async workbook's exercises. The binary's `main` calls
//! [`run`]; the modules, by responsibility:
//!
//! - [`cli`] parses arguments and [`config`] resolves them, once;
//! - [`exercise`] finds exercises and resolves the names learners type;
//! - [`cargo`] builds checks, reading cargo's JSON; [`checks`] runs them under a
//!   wall-clock limit and reads their verdicts; [`report`] is the result;
//! - [`explain`] holds every heuristic that reads compiler or panic text;
//! - [`render`] and [`style`] turn results into text; [`progress`] remembers;
//! - [`scratch`] builds throw-away workspaces that graft code onto pristine checks;
//! - [`graft`] grafts an answer fixture that replaces items onto its solution;
//! - [`commands`] holds one module per subcommand.

pub mod cargo;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod exercise;
pub mod exit;
pub mod expectation;
pub mod explain;
pub mod graft;
pub mod judge;
pub mod learner;
pub mod policy;
pub mod pool;
pub mod process;
pub mod progress;
pub mod render;
pub mod report;
#[cfg(target_os = "linux")]
pub mod sandbox;
pub mod sandbox_policy;
pub mod scaffold;
pub mod scratch;
pub mod style;
pub mod tamper;

use std::io::Write as _;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::config::Config;

/// Runs the command line and returns the exit code: 0 passed, 1 not yet, 2 for a
/// usage or setup error (printed as `error: …` with a hint).
pub fn run(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(outcome) => outcome.into(),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::from(exit::PASSED);
            }
            let _ = writeln!(std::io::stderr(), "{} {error:#}", style::fail("error:"));
            ExitCode::from(exit::SETUP)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<exit::Outcome> {
    let config = Config::from_cli(&cli)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        None => commands::status::run(&config, &mut out),
        Some(Command::List { format }) => commands::list::run(&config, format, &mut out),
        Some(Command::Check { all: true, format, timeout, verbose, authoring, .. }) => {
            let mode = if authoring { commands::check::Mode::Authoring } else { commands::check::Mode::Learner };
            learner::check_all::run(&config, format, timeout, verbose, mode, &mut out)
        }
        Some(Command::Check { exercise, format, timeout, verbose, timeline, authoring, .. }) => {
            let mode = if authoring { commands::check::Mode::Authoring } else { commands::check::Mode::Learner };
            let detail = render::Detail { verbose, timelines: timeline, watching: false };
            commands::check::run(&config, exercise.as_deref(), format, timeout, detail, mode, &mut out)
        }
        Some(Command::Hint { exercise, all }) => commands::hint::run(&config, exercise.as_deref(), all, &mut out),
        Some(Command::Next) => commands::next::run(&config, &mut out),
        Some(Command::Watch { poll }) => commands::watch::run(&config, poll),
        Some(Command::Reset { exercise, yes }) => commands::reset::run(&config, &exercise, yes, &mut out),
        Some(Command::Solution { exercise, diff, force }) => {
            commands::solution::run(&config, &exercise, diff, force, &mut out)
        }
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "grader", &mut out);
            Ok(exit::Outcome::Passed)
        }
        Some(Command::New { name, title }) => commands::new::run(&config, &name, title.as_deref(), &mut out),
        Some(Command::Grade { paths, out: dir, jobs, shard, merge, exercises, timeout, memory, no_sandbox }) => {
            let sandbox = if no_sandbox { sandbox_policy::Confine::Off } else { sandbox_policy::Confine::Required };
            let options = commands::grade::Options { jobs, shard, exercises, timeout, memory_mib: memory, sandbox };
            if merge {
                commands::grade::merge(&config, &paths, &dir, &mut out)
            } else {
                commands::grade::run(&config, &paths, &dir, options, &mut out)
            }
        }
        Some(Command::Verify {
            exercise,
            case,
            verbose,
            format,
            timeout,
            record_expected,
            runs,
            jobs,
            shrink_fixtures,
        }) => {
            if shrink_fixtures {
                graft::shrink_fixtures(&config, exercise.as_deref(), &mut out)?;
            }
            let options = commands::verify::Options {
                case,
                verbose,
                format,
                timeout,
                record_expected,
                runs: runs as usize,
                jobs: jobs as usize,
            };
            commands::verify::run(&config, exercise.as_deref(), options, &mut out)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
