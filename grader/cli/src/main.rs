//! `grader`: checks the async workbook's exercises. `main` parses the arguments,
//! hands them to [`grader::run`], and maps the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = grader::cli::Cli::parse();
    grader::process::become_subreaper();
    let code = grader::run(cli);
    grader::process::end_escaped();
    code
}
