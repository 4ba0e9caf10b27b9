//! The command line, as clap parses it. Nothing outside [`crate::config`] reads these
//! raw values.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Checks the async workbook's exercises: how your code ran, not only what it returned.
#[derive(Debug, Parser)]
#[command(
    name = "grader",
    version,
    after_help = "Examples:\n  grader                 show your progress and what to do next\n  grader check 04        check exercise 04-gather\n  grader watch           check again on every save\n  grader hint gather     show the next hint for 04-gather\n  grader next            move on to the next exercise\n  grader solution 04     compare your code with the reference, once it passes\n  grader verify          prove every stub fails and every solution passes"
)]
pub struct Cli {
    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// The workbook's root folder. By default, found from the current folder upwards.
    #[arg(long, env = "GRADER_ROOT", global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The grader's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the exercises in order, with their status.
    #[command(after_help = "Example:\n  grader list --format json")]
    List {
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Build an exercise and run its checks (the current exercise if none is named).
    #[command(
        after_help = "Examples:\n  grader check 04-gather\n  grader check 4\n  grader check gather --format json\n  grader check --all\n  grader check 04 --timeline\n  grader check 21 --authoring"
    )]
    Check {
        /// The exercise: `04-gather`, `04`, `4` or `gather`.
        #[arg(conflicts_with = "all")]
        exercise: Option<String>,
        /// Check every exercise in order, then show a summary.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Wall-clock limit for the checks' process, in seconds; a check still running
        /// then is reported as hung.
        #[arg(long, value_name = "SECS")]
        timeout: Option<u64>,
        /// Show every failing check's full message, not only the first one's.
        #[arg(long, short)]
        verbose: bool,
        /// Draw each check's timeline, passing or not: one bar per task over virtual time.
        #[arg(long)]
        timeline: bool,
        /// For instructors writing or changing an exercise: the grader's files are taken
        /// as they are, and nothing is recorded in the progress. (An exercise not yet
        /// shipped is always checked this way.)
        #[arg(long)]
        authoring: bool,
    },
    /// Show the next hint for an exercise (the current one if none is named).
    #[command(after_help = "Examples:\n  grader hint\n  grader hint 04 --all")]
    Hint {
        exercise: Option<String>,
        /// Show all the hints at once.
        #[arg(long)]
        all: bool,
    },
    /// Move on to the next exercise.
    Next,
    /// Check the current exercise again on every save, and move on after a pass.
    #[command(
        after_help = "Keys: h next hint · n next exercise · l list · r rerun · c check all · q quit\n\nExamples:\n  grader watch\n  grader watch --poll    (WSL, containers, network drives: where file events don't arrive)"
    )]
    Watch {
        /// Look for changes by polling instead of file-system events.
        #[arg(long)]
        poll: bool,
    },
    /// Put an exercise's file back as shipped. Asks first; your version is kept in
    /// `.grader/backups/`.
    #[command(after_help = "Examples:\n  grader reset 04\n  grader reset gather --yes")]
    Reset {
        /// The exercise: `04-gather`, `04`, `4` or `gather`.
        exercise: String,
        /// Don't ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Show the reference solution of an exercise, once you have passed it.
    #[command(
        after_help = "Examples:\n  grader solution 04\n  grader solution 04 --diff\n  grader solution 07 --force"
    )]
    Solution {
        /// The exercise: `04-gather`, `04`, `4` or `gather`.
        exercise: String,
        /// Show the solution as a diff against your code.
        #[arg(long)]
        diff: bool,
        /// Show it even though the exercise has not passed yet.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  grader completions bash > ~/.local/share/bash-completion/completions/grader\n  grader completions zsh > ~/.zfunc/_grader\n  grader completions fish > ~/.config/fish/completions/grader.fish"
    )]
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Scaffold a new exercise: its folder, solution and chapter, wired into the
    /// workspace and the book. It fails `grader verify` with a list of what to write.
    #[command(
        after_help = "Examples:\n  grader new 21-rate-limiter\n  grader new 21-rate-limiter --title \"rate limiter: a token bucket\""
    )]
    New {
        /// `NN-name`: the number orders the book, the name is the topic in kebab case.
        name: String,
        /// The one-line title (by default a placeholder that verify reports).
        #[arg(long)]
        title: Option<String>,
    },
    /// Grade a class: every submission (a folder holding a learner's `exercises/`, or a
    /// clone of their repository) on pristine checks, into a gradebook.
    #[command(
        after_help = "Examples:\n  grader grade submissions/ --out gradebook/\n  grader grade submissions/ --jobs 2 --shard 1/4 --out shard-1/\n  grader grade --merge shard-1/ shard-2/ shard-3/ shard-4/ --out gradebook/"
    )]
    Grade {
        /// The folder of submissions, one sub-folder each (or one submission itself);
        /// with --merge, the shard outputs to merge.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where the gradebook goes (CSV, JSON, JUnit XML, Gradescope, GitHub Classroom).
        #[arg(long, value_name = "DIR", default_value = "gradebook")]
        out: PathBuf,
        /// How many submissions are graded at once (their builds take turns; their
        /// checks run side by side).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Grade only the i-th of n shares of the submissions (1-based; every n-th in the
        /// order of their names, starting with the i-th), for CI runners.
        #[arg(long, value_name = "I/N")]
        shard: Option<String>,
        /// Merge the gradebooks of shards given as paths instead of grading.
        #[arg(long, conflicts_with = "shard")]
        merge: bool,
        /// Only these exercises (by default all of them).
        #[arg(long = "exercise", value_name = "EXERCISE")]
        exercises: Vec<String>,
        /// Wall-clock limit for each check, in seconds.
        #[arg(long, value_name = "SECS")]
        timeout: Option<u64>,
        /// Memory limit for each exercise's checks, in MiB.
        #[arg(long, value_name = "MIB", default_value_t = 2048)]
        memory: u64,
        /// Run the submissions' checks without the OS sandbox (no network, the files of
        /// this machine out of reach): only for code you trust, on a machine where the
        /// sandbox can't start. Every run warns.
        #[arg(long)]
        no_sandbox: bool,
    },
    /// Prove that every stub fails, every solution passes, and every answer fixture in
    /// `solutions/<exercise>/answers/` behaves as it declares. Never touches your files.
    #[command(
        after_help = "Examples:\n  grader verify\n  grader verify 04 --format json\n  grader verify 04 --record-expected   # after changing 04's checks or solution\n  grader verify --runs 5 --jobs 2      # determinism, on a loaded machine\n  grader verify 04 --case sequential --verbose   # one fixture, every check's whole message"
    )]
    Verify {
        exercise: Option<String>,
        /// Only this case of the exercise: `stub`, `solution`, or an answer fixture's name
        /// (`sequential`, `sequential.rs` or `answers/sequential.rs`).
        #[arg(long, value_name = "NAME", requires = "exercise")]
        case: Option<String>,
        /// Under each case, every check's whole message, as `grader check --verbose`
        /// shows it.
        #[arg(long, short)]
        verbose: bool,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Wall-clock limit for each check, in seconds (else the exercise's own).
        #[arg(long, value_name = "SECS")]
        timeout: Option<u64>,
        /// Write the solution's traces into `checks/expected/` (the pictures a failing
        /// learner sees beside theirs) instead of failing when they are out of date.
        #[arg(long)]
        record_expected: bool,
        /// Run each case N times: every run must give the same verdicts and
        /// byte-identical traces.
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
        runs: u32,
        /// How many cases run at once (default 1: checks judge real time too, and a
        /// loaded machine is what determinism is proven on with --runs).
        #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=64))]
        jobs: u32,
        /// First rewrite each whole-file answer fixture as the items it changes
        /// (`//! grader: replaces items`), where grafting those onto the solution gives
        /// the same file back; then verify.
        #[arg(long)]
        shrink_fixtures: bool,
    },
}

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}
