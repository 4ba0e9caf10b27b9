//! Human-readable rendering of check reports, to any `Write`.

use std::io::{self, Write};

use crate::checks::{CheckResult, Status};
use crate::exercise::Exercise;
use crate::report::{Report, Verdict};
use crate::style;

/// How much to show.
#[derive(Clone, Copy, Debug, Default)]
pub struct Detail {
    /// Every failing check's whole message, not only the first one's.
    pub verbose: bool,
    /// Each check's timeline under it, passing or not (`check --timeline`).
    pub timelines: bool,
    /// For `grader watch`, which checks again on save and has keys for hints.
    pub watching: bool,
}

/// Writes a check report the way a learner reads it: the verdict of each check, the
/// lesson of the first failure in full, and what to do next.
pub fn check_report(out: &mut dyn Write, report: &Report, exercise: &Exercise, detail: Detail) -> io::Result<()> {
    writeln!(out, "{} {}", style::heading(&exercise.name), style::dim(&format!("· {}", exercise.meta.title)))?;
    writeln!(out)?;
    checks(out, report, detail)?;
    writeln!(out)?;
    footer(out, report, exercise, detail)
}

/// The body of a check report, without its heading and what to do next: the compiler's
/// errors, the refusal, or each check (`grader verify --verbose` shows a case this way).
pub fn checks(out: &mut dyn Write, report: &Report, detail: Detail) -> io::Result<()> {
    if report.verdict == Verdict::CompileError {
        compile_errors(out, report, detail)?;
    } else if report.verdict == Verdict::Forbidden {
        writeln!(out, "{} Not built: it uses what this exercise does not allow.", style::fail("✗"))?;
        writeln!(out)?;
        for line in crate::policy::lesson(&report.refused).lines() {
            if line.starts_with(' ') {
                writeln!(out, "{}", wrap(line.trim_start(), 80, "      ").replacen("      ", "    ", 1))?;
            } else {
                writeln!(out, "{}", wrap(line, 80, ""))?;
            }
        }
    } else {
        let mut shown_in_full = 0;
        for check in &report.checks {
            let full = check.status != Status::Pass && (shown_in_full == 0 || detail.verbose);
            one_check(out, check, full)?;
            if full {
                shown_in_full += 1;
            }
            if detail.timelines {
                for picture in &check.timelines {
                    for line in picture.lines() {
                        writeln!(out, "    {line}")?;
                    }
                    writeln!(out)?;
                }
            }
        }
        let warnings = report.diagnostics.iter().filter(|d| d.level == "warning").count();
        if warnings > 0 && detail.verbose {
            writeln!(out)?;
            for warning in report.diagnostics.iter().filter(|d| d.level == "warning") {
                write!(out, "{}", warning.rendered)?;
            }
        }
    }
    Ok(())
}

fn compile_errors(out: &mut dyn Write, report: &Report, detail: Detail) -> io::Result<()> {
    writeln!(out, "{} It doesn't compile yet.", style::fail("✗"))?;
    writeln!(out)?;
    if let Some(error) = &report.build_error {
        writeln!(out, "cargo could not build it:")?;
        writeln!(out, "{error}")?;
        return Ok(());
    }
    // The first few errors in full (rustc's own advice: fix the first one first), each
    // explanation once; `--verbose` shows everything.
    const SHOWN: usize = 3;
    let messages: Vec<_> = report.diagnostics.iter().filter(|d| d.level == "error" || detail.verbose).collect();
    let shown = if detail.verbose { messages.len() } else { messages.len().min(SHOWN) };
    let mut explained = Vec::new();
    for (i, message) in messages[..shown].iter().enumerate() {
        // rustc ends some messages with a blank line and others not: one blank line between.
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", message.rendered.trim_end())?;
        if message.times > 1 {
            writeln!(
                out,
                "{}",
                style::dim(&format!(
                    "(rustc reported this error {} times at this same place: shown once.)",
                    message.times
                ))
            )?;
        }
        if let Some(explanation) = &message.explanation {
            writeln!(out)?;
            // Once per kind of mistake: the same section of the book is the same lesson.
            let kind = if explanation.chapter.is_empty() { explanation.text.as_str() } else { explanation.chapter };
            if explained.contains(&kind) {
                writeln!(out, "{} the same as above.", style::hint("What this means:"))?;
            } else {
                explained.push(kind);
                writeln!(
                    out,
                    "{} {}",
                    style::hint("What this means:"),
                    wrap(&explanation.text, 78, "  ").trim_start()
                )?;
                if !explanation.chapter.is_empty() {
                    writeln!(out, "  {} docs/src/{}", style::dim("Read more:"), explanation.chapter)?;
                }
            }
        }
    }
    let hidden = messages.len() - shown;
    if hidden > 0 {
        let errors = if hidden == 1 { "error" } else { "errors" };
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            style::dim(&format!(
                "…and {hidden} more {errors}. Fix the first one first: later errors often follow from it. `--verbose` shows them all."
            ))
        )?;
    }
    Ok(())
}

/// The first line of a message, for a one-line summary; a line that ends with a colon
/// announces what follows, so the next line comes with it.
fn gist(message: &str) -> String {
    let mut lines = message.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    match lines.next() {
        Some(next) if first.ends_with(':') => format!("{first} {next}"),
        // A trace that differs says so in general first; the line after it names the
        // difference, which is what a one-line summary needs.
        Some(next) if next.starts_with("The first difference:") => next.to_string(),
        _ => first.to_string(),
    }
}

fn one_check(out: &mut dyn Write, check: &CheckResult, full: bool) -> io::Result<()> {
    let mark = match check.status {
        Status::Pass => style::pass("✓"),
        Status::Fail | Status::Crashed => style::fail("✗"),
        Status::Hung => style::fail("⧗"),
        Status::NotRun => style::dim("·"),
    };
    let title = check.title();
    match check.status {
        Status::Pass => return writeln!(out, "{mark} {title}"),
        Status::NotRun => return writeln!(out, "{mark} {} {}", style::dim(&title), style::dim("(not run)")),
        _ => {}
    }
    let message = failure_text(check);
    if !full {
        return writeln!(out, "{mark} {title}\n    {}", style::dim(&shorten(&gist(&message), 74)));
    }
    writeln!(out, "{mark} {}", style::heading(&title))?;
    for line in message.lines() {
        if line.is_empty() {
            writeln!(out)?;
        } else if line.starts_with(' ') || line.chars().count() <= 76 {
            // Indented lines are tables and pictures: never wrapped.
            writeln!(out, "    {line}")?;
        } else {
            writeln!(out, "{}", wrap(line, 80, "    "))?;
        }
    }
    if !check.output.trim().is_empty() {
        writeln!(out, "    {}", style::dim("Your code printed:"))?;
        for line in check.output.lines().take(40) {
            writeln!(out, "    {} {line}", style::dim("│"))?;
        }
        if check.output.lines().count() > 40 {
            writeln!(out, "    {} …", style::dim("│"))?;
        }
    }
    Ok(())
}

/// The text of a failure, explanations included ([`crate::judge::attach`] put them in).
fn failure_text(check: &CheckResult) -> String {
    check.message.clone()
}

fn footer(out: &mut dyn Write, report: &Report, exercise: &Exercise, detail: Detail) -> io::Result<()> {
    let short = format!("{:02}", exercise.number);
    match report.verdict {
        Verdict::Pass if !report.tampered.is_empty() => {
            writeln!(
                out,
                "{} all {} checks pass, but on checks you edited: not recorded.",
                style::warn("Passed?"),
                report.checks.len()
            )?;
        }
        Verdict::Pass => {
            writeln!(out, "{} all {} checks pass.", style::pass("Passed:"), report.checks.len())?;
            if !detail.watching {
                writeln!(out, "Next: {} moves on to the next exercise.", style::invoke("next"))?;
            }
        }
        verdict => {
            let what = match verdict {
                Verdict::CompileError => "fix the compiler errors above".to_string(),
                Verdict::Timeout => "a check hung (see above)".to_string(),
                Verdict::Blocked => {
                    format!("{} of {} checks pass; the runtime was blocked", report.passed(), report.checks.len())
                }
                Verdict::Crashed => "the checks crashed (see above)".to_string(),
                Verdict::Forbidden => "remove what the exercise does not allow (see above)".to_string(),
                _ => format!("{} of {} checks pass", report.passed(), report.checks.len()),
            };
            writeln!(out, "{} {what}.", style::warn("Not yet:"))?;
            let failing = report.checks.iter().filter(|c| c.status != Status::Pass).count();
            if failing > 1 && !detail.verbose && report.verdict != Verdict::CompileError {
                writeln!(
                    out,
                    "  {} shows every failing check in full{}.",
                    style::invoke(&format!("check {short} --verbose")),
                    if detail.watching { " (in another terminal)" } else { "" }
                )?;
            }
            if detail.watching {
                writeln!(out, "  Edit {} and save: it is checked again.", exercise.display_files())?;
                writeln!(out, "  Stuck? Press h for a hint; the chapter is {}.", exercise.chapter())?;
                return Ok(());
            }
            writeln!(
                out,
                "  Edit {}, then run {} again.",
                exercise.display_files(),
                style::invoke(&format!("check {short}"))
            )?;
            writeln!(
                out,
                "  Stuck? {} shows a hint; the chapter is {}.",
                style::invoke(&format!("hint {short}")),
                exercise.chapter()
            )?;
        }
    }
    Ok(())
}

/// `line` cut to `width` columns, at the end of a word where there is one in its
/// second half, with `…` where it was cut.
fn shorten(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        return line.to_string();
    }
    let kept: String = line.chars().take(width - 1).collect();
    let at_word = kept.rfind(' ').filter(|&space| kept[..space].chars().count() >= width / 2);
    let mut kept = match at_word {
        Some(space) => kept[..space].trim_end_matches([',', ';', ':', '(']).to_string(),
        None => kept,
    };
    kept.push('…');
    kept
}

/// Wraps `text` at `width` columns, each line starting with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split('\n') {
        let mut line = String::from(indent);
        // Split at ordinary spaces only: a non-breaking space (as in `about 480 ms`) keeps
        // its neighbours on one line, and is printed as a plain space.
        for word in paragraph.split([' ', '\t']).filter(|w| !w.is_empty()) {
            if line.len() > indent.len() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(indent);
            }
            if line.len() > indent.len() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.trim_end_matches('\n').replace('\u{a0}', " ")
}

/// One line for an exercise in `check --all`: its verdict and, when it failed, the
/// first line of the first lesson (all failing checks with `verbose`).
pub fn summary_line(out: &mut dyn Write, report: &Report, exercise: &Exercise, detail: Detail) -> io::Result<()> {
    let (mark, what) = match report.verdict {
        Verdict::Pass => (style::pass("✓"), format!("all {} checks pass", report.checks.len())),
        Verdict::CompileError => (style::fail("✗"), "does not compile".to_string()),
        Verdict::Timeout => (style::fail("⧗"), "a check hung".to_string()),
        Verdict::Crashed => (style::fail("✗"), "the checks crashed".to_string()),
        Verdict::Forbidden => (style::fail("✗"), "not run: it uses what the exercise forbids".to_string()),
        Verdict::Blocked => {
            (style::fail("✗"), format!("{} of {} checks pass; blocked", report.passed(), report.checks.len()))
        }
        Verdict::Fail => (style::fail("✗"), format!("{} of {} checks pass", report.passed(), report.checks.len())),
    };
    writeln!(out, "{mark} {:<24} {}", exercise.name, style::dim(&what))?;
    let failing = report.checks.iter().filter(|c| c.status != Status::Pass && c.status != Status::NotRun);
    for check in failing.take(if detail.verbose { usize::MAX } else { 1 }) {
        let first = gist(&failure_text(check));
        writeln!(out, "    {}", shorten(&format!("{}: {first}", check.title()), 76))?;
    }
    Ok(())
}

/// A progress bar on standard error for long runs (`check --all`, `verify`), hidden when
/// standard error is not a terminal or `show` is false, so logs and JSON stay clean.
pub fn progress_bar(length: u64, show: bool) -> indicatif::ProgressBar {
    use std::io::IsTerminal as _;
    if !show || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(length);
    let template = "{bar:30} {pos}/{len} {msg}";
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("█▌ "));
    }
    bar
}

/// A fixed-width progress meter: `[█████░░░░░] 5/20`.
pub fn progress_meter(done: usize, total: usize) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(0).min(WIDTH);
    format!("[{}{}] {done}/{total}", "█".repeat(filled), "░".repeat(WIDTH - filled))
}

#[cfg(test)]
mod tests {
    use super::{gist, shorten, wrap};

    #[test]
    fn a_trace_difference_is_summed_up_by_the_difference() {
        let message = "The order of events is not what a correct solution produces.\nThe first difference: at 0.000s …";
        assert_eq!(gist(message), "The first difference: at 0.000s …");
    }

    #[test]
    fn a_summary_is_cut_between_words() {
        let line = "station.read(\"thermometer\") returned Err: the radio link's background task did not answer";
        assert_eq!(shorten(line, 74), "station.read(\"thermometer\") returned Err: the radio link's background…");
        assert_eq!(shorten("short", 74), "short");
        // One long word: cut inside it, there is nothing else.
        assert_eq!(shorten(&"x".repeat(80), 10), format!("{}…", "x".repeat(9)));
    }

    #[test]
    fn a_gist_that_announces_a_list_brings_its_first_item() {
        assert_eq!(
            gist("Every message should start at 0s, but:\n  to Anna: at 2s\n  to Bo: at 4s"),
            "Every message should start at 0s, but: to Anna: at 2s"
        );
        assert_eq!(gist("It took 6s.\nBecause."), "It took 6s.");
    }

    #[test]
    fn wrap_breaks_at_the_width_and_indents() {
        assert_eq!(wrap("one two three four", 10, "  "), "  one two\n  three\n  four");
        assert_eq!(wrap("took about\u{a0}5\u{a0}ms", 12, ""), "took\nabout 5 ms");
    }
}
