//! `grader solution`: the reference solution of an exercise, once it has passed.

use std::io::Write;

use anyhow::{Context as _, Result};

use crate::config::Config;
use crate::exit::Outcome;
use crate::learner::Workbook;
use crate::style;

pub fn run(config: &Config, query: &str, diff: bool, force: bool, out: &mut dyn Write) -> Result<Outcome> {
    let workbook = Workbook::load(config)?;
    let exercise = crate::exercise::resolve(&workbook.exercises, query)?;
    if !force && !workbook.store.passed(&exercise.name) {
        writeln!(
            out,
            "{} hasn't passed yet, so its solution stays hidden: working it out is the lesson.\n\
             Try {} for a nudge, or {} to look anyway.",
            exercise.name,
            style::invoke(&format!("hint {:02}", exercise.number)),
            style::invoke(&format!("solution {:02} --force", exercise.number)),
        )?;
        return Ok(Outcome::NotYet);
    }
    for (relative, path) in exercise.meta.files.iter().zip(exercise.files()) {
        let name = relative.strip_prefix("src/").unwrap_or(relative);
        let solution_path = config.solutions_dir().join(&exercise.name).join(name);
        let solution = std::fs::read_to_string(&solution_path).with_context(|| {
            format!("{} has no solution: failed to read {}", exercise.name, solution_path.display())
        })?;
        let shown_solution = format!("solutions/{}/{name}", exercise.name);
        let shown_yours = format!("exercises/{}/{relative}", exercise.name);
        if diff {
            // The code only: comments (the stub's TODOs, the reference's notes) and blank
            // lines would be most of a diff of the whole files.
            let yours = code_only(&std::fs::read_to_string(&path).unwrap_or_default());
            let solution = code_only(&solution);
            let text = similar::TextDiff::from_lines(&yours, &solution);
            if text.ratio() == 1.0 {
                writeln!(out, "{shown_yours} has the same code as {shown_solution}.")?;
                continue;
            }
            writeln!(out, "{}", style::dim(&format!("--- yours: {shown_yours}")))?;
            writeln!(out, "{}", style::dim(&format!("+++ reference: {shown_solution}")))?;
            writeln!(out, "{}", style::dim("(code only: comments and blank lines are left out)"))?;
            for hunk in text.unified_diff().context_radius(3).iter_hunks() {
                writeln!(out, "{}", style::dim("⋯"))?;
                for change in hunk.iter_changes() {
                    let line = format!("{}{}", change.tag(), change.value().trim_end_matches('\n'));
                    let line = match change.tag() {
                        similar::ChangeTag::Delete => style::fail(&line).to_string(),
                        similar::ChangeTag::Insert => style::pass(&line).to_string(),
                        similar::ChangeTag::Equal => line,
                    };
                    writeln!(out, "{line}")?;
                }
            }
        } else {
            writeln!(out, "{}", style::heading(&format!("{shown_solution} (the reference solution)")))?;
            writeln!(out)?;
            write!(out, "{solution}")?;
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                style::dim(&format!(
                    "More answers, right and wrong, are in solutions/{}/answers/: each says in its first lines \
                     what it does and how the grader judges it. `grader solution {:02} --diff` compares with yours.",
                    exercise.name, exercise.number
                ))
            )?;
        }
    }
    Ok(Outcome::Passed)
}

/// `text` without comments and blank lines: what a diff of two versions of the code
/// should show.
fn code_only(text: &str) -> String {
    crate::explain::code_lines(text)
        .iter()
        .map(|line| line.trim_end())
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::code_only;

    #[test]
    fn comments_and_blank_lines_are_left_out_and_strings_kept() {
        let text = "//! The task.\n\n/// Docs.\npub fn f() {\n    // TODO: do it\n    g(\"http://a\"); // call\n    /* old */ h();\n}\n";
        assert_eq!(code_only(text), "pub fn f() {\n    g(\"http://a\");\n     h();\n}\n");
        let chars = "fn q<'a>(c: char) -> bool { c == '\"' || c == '/' } // quote\n";
        assert_eq!(code_only(chars), "fn q<'a>(c: char) -> bool { c == '\"' || c == '/' }\n");
    }
}
