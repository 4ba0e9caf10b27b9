//! Whether a case behaved as declared: its verdict and each declared check's message
//! against the header, and every failing check accounted for.

use super::*;

pub(super) fn describe(expected: &Expectation, report: &Report) -> String {
    let want = match expected {
        Expectation::Pass => "passes",
        Expectation::FailACheck => "fails a check",
        Expectation::CompileError { .. } => "does not compile",
        Expectation::Fail { .. } => "fails as declared",
        Expectation::Forbidden { .. } => "is refused",
    };
    format!("({want}; verdict {}, {} of {} checks pass)", report.verdict.as_str(), report.passed(), report.checks.len())
}

pub(super) fn judge_case(expected: &Expectation, declared_in: DeclaredIn, report: &Report) -> Vec<String> {
    let (declaration, it) = declared_in.names();
    let mut problems = Vec::new();
    if report.verdict == Verdict::Forbidden && !matches!(expected, Expectation::Forbidden { .. }) {
        problems.push(format!("it was refused before it was built: {}", crate::policy::lesson(&report.refused)));
        return problems;
    }
    match expected {
        Expectation::Forbidden { fragment } => {
            let lesson = crate::policy::lesson(&report.refused);
            if report.verdict != Verdict::Forbidden {
                problems.push(format!("expected it to be refused; the verdict is {}", report.verdict.as_str()));
            } else if !lesson.contains(fragment.as_str()) {
                problems.push(format!("expected the refusal to contain {fragment:?}; it says: {lesson}"));
            }
        }
        Expectation::Pass => {
            if report.verdict != Verdict::Pass {
                problems.push(format!("expected every check to pass; the verdict is {}", report.verdict.as_str()));
                for check in report.checks.iter().filter(|c| c.status != Status::Pass) {
                    let first = check.message.lines().next().unwrap_or("");
                    problems.push(format!("{}: {first}", check.name));
                }
                for d in report.diagnostics.iter().filter(|d| d.level == "error") {
                    problems.push(format!("compile error: {}", d.message));
                }
            }
        }
        Expectation::FailACheck => match report.verdict {
            Verdict::Pass => problems.push("the stub passes every check: it must fail one".to_string()),
            Verdict::CompileError => problems.push(
                "the stub does not compile; a stub must compile and fail a check, unless exercise.toml says stub_fails = \"compile\"".to_string(),
            ),
            _ => {}
        },
        Expectation::CompileError { fragment } => {
            if report.verdict != Verdict::CompileError {
                problems.push(format!("expected a compile error; the verdict is {}", report.verdict.as_str()));
            } else if let Some(fragment) = fragment
                && !report.diagnostics.iter().any(|d| {
                    d.message.contains(fragment.as_str())
                        || d.rendered.contains(fragment.as_str())
                        // The note keeps code together with non-breaking spaces.
                        || d.explanation.as_ref().is_some_and(|e| e.text.replace('\u{a0}', " ").contains(fragment.as_str()))
                })
            {
                problems.push(format!(
                    "expected a compiler message (or the grader's note on one) containing {fragment:?}; none does"
                ));
            }
        }
        Expectation::Fail { checks } => {
            if report.verdict == Verdict::CompileError {
                problems.push("expected checks to fail, but it does not compile".to_string());
            }
            // Every check that fails is declared, so a fixture can't pass verify on a
            // lesson nobody read. A hang hides what the check would have said: it meets
            // `expect fail` only where the header declares that check.
            for check in report.checks.iter().filter(|c| c.status != Status::Pass) {
                if checks.iter().any(|(name, _)| name == &check.name) {
                    continue;
                }
                if check.status == Status::Hung {
                    problems.push(format!(
                        "`{}` hung (the grader stopped it), and {declaration} does not declare it; declare the hang \
                         with `{}` if it is the point",
                        check.name,
                        declared_in.line(&format!("expect fail {} \"did not finish\"", check.name))
                    ));
                } else {
                    problems.push(format!(
                        "`{}` fails too, and {declaration} does not declare it: if {it} should fail it, {}; it \
                         says:\n{}",
                        check.name,
                        declared_in.add(&format!("expect fail {} \"<words of its lesson>\"", check.name)),
                        quote_message(check)
                    ));
                }
            }
            for (name, fragment) in checks {
                match report.checks.iter().find(|c| &c.name == name) {
                    None if report.verdict != Verdict::CompileError => {
                        let names: Vec<&str> = report.checks.iter().map(|c| c.name.as_str()).collect();
                        problems.push(no_such_check(name, fragment, &names, declared_in))
                    }
                    None => {}
                    Some(check) if check.status == Status::Pass => {
                        problems.push(format!("expected `{name}` to fail with {fragment:?}, but it passed"))
                    }
                    Some(check) if !check.message.contains(fragment.as_str()) => problems.push(format!(
                        "expected `{name}`'s message to contain {fragment:?}; it says:\n{}",
                        quote_message(check)
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    problems
}

/// The first 40 lines of a check's message, indented under a problem.
pub(super) fn quote_message(check: &crate::checks::CheckResult) -> String {
    let message = if check.message.trim().is_empty() {
        format!("(no message: its status is {:?})", check.status)
    } else {
        check.message.clone()
    };
    let mut lines: Vec<String> = message.lines().take(40).map(|line| format!("        {line}")).collect();
    if message.lines().count() > 40 {
        lines.push("        … (`--case <answer> --verbose` shows it all)".to_string());
    }
    lines.join("\n")
}

/// A header line that names a check the exercise does not have: the line, the checks
/// there are, and the nearest name.
pub(super) fn no_such_check(name: &str, fragment: &str, names: &[&str], declared_in: DeclaredIn) -> String {
    let nearest = names.iter().min_by_key(|other| strsim::levenshtein(name, other)).copied();
    let fix = match nearest {
        Some(near) if strsim::levenshtein(name, near) <= name.len().max(near.len()) / 3 => {
            format!("; write it as `{}`", declared_in.line(&format!("expect fail {near} \"{fragment}\"")))
        }
        _ => String::new(),
    };
    format!(
        "`{}` names no check of this exercise{fix} (its checks: {})",
        declared_in.line(&format!("expect fail {name} \"{fragment}\"")),
        names.join(", ")
    )
}
