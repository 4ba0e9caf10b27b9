//! A bare `grader`: where the learner is, and what to do next.

use std::io::Write;

use anyhow::Result;

use crate::config::Config;
use crate::exit::Outcome;
use crate::learner::Workbook;
use crate::style;

pub fn run(config: &Config, out: &mut dyn Write) -> Result<Outcome> {
    let workbook = Workbook::load(config)?;
    let total = workbook.exercises.len();
    let done = workbook.exercises.iter().filter(|e| workbook.store.passed(&e.name)).count();
    let current = workbook.store.current(&workbook.exercises);
    let short = format!("{:02}", current.number);
    writeln!(out, "{}", style::heading("The async workbook: async Rust with tokio, checked by how your code runs."))?;
    writeln!(out)?;
    writeln!(out, "Progress  {}", crate::render::progress_meter(done, total))?;
    writeln!(out)?;
    if done == total {
        writeln!(out, "{} You have passed every exercise.", style::pass("All done!"))?;
        return Ok(Outcome::Passed);
    }
    writeln!(
        out,
        "Current exercise: {} {}",
        style::heading(&current.name),
        style::dim(&format!("· {}", current.meta.title))
    )?;
    if workbook.store.passed(&current.name) {
        writeln!(out, "  {} Run {} to move on.", style::pass("Passed."), style::invoke("next"))?;
        writeln!(out)?;
        writeln!(
            out,
            "Also: {} all exercises · {} check it again · {} its reference solution",
            style::invoke("list"),
            style::invoke(&format!("check {short}")),
            style::invoke(&format!("solution {short}"))
        )?;
        return Ok(Outcome::Passed);
    }
    writeln!(
        out,
        "  1. Read exercises/{}/README.md (the task) and {} (the chapter).",
        current.name,
        current.chapter()
    )?;
    writeln!(out, "  2. Edit {}.", current.display_files())?;
    writeln!(out, "  3. Run {} to see how your code ran.", style::invoke(&format!("check {short}")))?;
    writeln!(out)?;
    writeln!(
        out,
        "Also: {} checks on every save · {} all exercises · {} a hint · {} move on",
        style::invoke("watch"),
        style::invoke("list"),
        style::invoke(&format!("hint {short}")),
        style::invoke("next")
    )?;
    Ok(Outcome::Passed)
}
