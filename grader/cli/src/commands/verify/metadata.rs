//! An exercise's metadata, checked with its cases: exercise.toml, the task, the
//! chapter, the scaffold's places still to write, and `hint_for`'s keys.

use super::*;

pub(super) fn metadata_problems(config: &Config, exercise: &Exercise) -> Option<CaseResult> {
    let mut problems = Vec::new();
    if exercise.meta.title.trim().is_empty() {
        problems.push("exercise.toml has an empty title".to_string());
    }
    if exercise.meta.hints.len() < 2 {
        problems.push(format!(
            "exercise.toml has {} hints; give at least two, from vague to concrete",
            exercise.meta.hints.len()
        ));
    }
    let chapter = config.root.join(exercise.chapter());
    if !chapter.is_file() {
        problems.push(format!("the chapter {} does not exist", exercise.chapter()));
    }
    let summary = config.root.join("docs/src/SUMMARY.md");
    let linked = std::fs::read_to_string(&summary).is_ok_and(|text| {
        text.contains(&format!("]({})", exercise.meta.chapter))
            || text.contains(&format!("](./{})", exercise.meta.chapter))
    });
    if !linked {
        problems.push(format!(
            "the chapter is not linked from docs/src/SUMMARY.md: add `- [{:02} · {}]({})` there, in number order",
            exercise.number, exercise.slug, exercise.meta.chapter
        ));
    }
    problems.extend(crate::scaffold::unfinished(config, exercise).into_iter().map(|p| format!("still to write: {p}")));
    problems.extend(crate::scaffold::unwired(config, exercise));
    if !exercise.dir.join("README.md").is_file() {
        problems.push(format!("exercises/{}/README.md (the task) does not exist", exercise.name));
    }
    (!problems.is_empty()).then(|| CaseResult {
        exercise: exercise.name.clone(),
        case: "metadata".to_string(),
        expected: Expectation::Pass,
        verdict: None,
        problems,
    })
}

/// The keys of `hint_for` that are neither a check of the exercise nor `compile-error`,
/// each named with the nearest of those (its checks' names come from the cases' runs).
pub(super) fn unknown_hint_for(
    hint_for: &std::collections::BTreeMap<String, usize>,
    checks: &std::collections::BTreeSet<String>,
) -> Vec<String> {
    const COMPILE_ERROR: &str = "compile-error";
    hint_for
        .keys()
        .filter(|key| key.as_str() != COMPILE_ERROR && !checks.contains(key.as_str()))
        .map(|key| {
            let near = checks
                .iter()
                .map(String::as_str)
                .chain([COMPILE_ERROR])
                .min_by_key(|name| strsim::levenshtein(key, name))
                .unwrap_or(COMPILE_ERROR);
            format!(
                "exercise.toml's `hint_for` has the key `{key}`, which is no check of this exercise: the nearest \
                 is `{near}` (a key is a check's name or `compile-error`; its checks: {})",
                checks.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
            )
        })
        .collect()
}
