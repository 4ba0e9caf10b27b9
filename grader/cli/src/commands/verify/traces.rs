//! The traces a case's runs recorded: compared between runs (a case that changes is
//! not deterministic) and with the reference solution's recorded ones (checks/expected).

use std::path::Path;

use anyhow::{Context as _, Result};

use super::*;

/// Recorded traces by file name (`<check>.<n>.trace`).
pub(super) type Traces = std::collections::BTreeMap<String, Vec<u8>>;

pub(super) fn read_traces(dir: &Path) -> Result<Traces> {
    let mut files = Traces::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(files) };
    for entry in entries {
        let path = entry?.path();
        let bytes = std::fs::read(&path).with_context(|| format!("failed to read {}", path.display()))?;
        files.insert(path.file_name().unwrap_or_default().to_string_lossy().into_owned(), bytes);
    }
    Ok(files)
}

/// How run `n` differed from the first: verdicts, each check's status, traces.
pub(super) fn differences(
    n: usize,
    first: &Report,
    now: &Report,
    first_traces: &Traces,
    traces: &Traces,
    runs_dir: &Path,
) -> Vec<String> {
    let mut problems = Vec::new();
    if first.verdict != now.verdict {
        problems.push(format!(
            "not deterministic: run 1's verdict was {}, run {n}'s {}",
            first.verdict.as_str(),
            now.verdict.as_str()
        ));
    }
    for check in &now.checks {
        if let Some(before) = first.checks.iter().find(|c| c.name == check.name)
            && before.status != check.status
        {
            problems.push(format!(
                "not deterministic: `{}` was {:?} in run 1 and {:?} in run {n}",
                check.name, before.status, check.status
            ));
        }
    }
    let changed = changed_files(first_traces, traces);
    if !changed.is_empty() {
        problems.push(format!(
            "not deterministic: the traces of {} differ between run 1 and run {n} (compare the files \
             in {} and traces-{n})",
            list_some(&changed),
            runs_dir.join("traces-1").display()
        ));
    }
    problems
}

/// The names whose contents differ between two sets of files, either way.
pub(super) fn changed_files<'a>(a: &'a Traces, b: &'a Traces) -> Vec<&'a str> {
    a.keys()
        .chain(b.keys())
        .filter(|name| a.get(*name) != b.get(*name))
        .map(String::as_str)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The first three names, and how many more.
pub(super) fn list_some(names: &[&str]) -> String {
    let shown: Vec<&str> = names.iter().take(3).copied().collect();
    let more = if names.len() > 3 { format!(" and {} more", names.len() - 3) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

/// Where an exercise keeps the reference solution's traces (see `workbook::expected`).
pub(super) const EXPECTED_DIR: &str = "checks/expected";

/// Compares the traces the solution just recorded with the exercise's shipped ones, or,
/// with `record`, writes them over the shipped ones. Returns what is not yet recorded
/// (a check that records traces, none of them shipped) and what is out of date.
pub(super) fn expected_traces(exercise: &Exercise, recorded: &Traces, record: bool) -> Result<Vec<String>> {
    let shipped = exercise.dir.join(EXPECTED_DIR);
    let old = read_traces(&shipped)?;
    if *recorded == old {
        return Ok(Vec::new());
    }
    if record {
        let _ = std::fs::remove_dir_all(&shipped);
        std::fs::create_dir_all(&shipped).with_context(|| format!("failed to create {}", shipped.display()))?;
        for (name, bytes) in recorded {
            let path = shipped.join(name);
            std::fs::write(&path, bytes).with_context(|| format!("failed to write {}", path.display()))?;
        }
        return Ok(Vec::new());
    }
    let record_them = format!("grader verify {:02} --record-expected", exercise.number);
    if old.is_empty() {
        return Ok(vec![format!(
            "no trace of the solution is recorded yet (exercises/{}/{EXPECTED_DIR}/ is missing or empty): \
             run `{record_them}`, look at what it wrote, and commit it",
            exercise.name
        )]);
    }
    // `<check>.<n>.trace`: check names are Rust identifiers, without dots.
    let check_of = |file: &str| file.split('.').next().unwrap_or(file).to_string();
    let shipped_checks: std::collections::BTreeSet<String> = old.keys().map(|f| check_of(f)).collect();
    let unrecorded: std::collections::BTreeSet<String> =
        recorded.keys().map(|f| check_of(f)).filter(|c| !shipped_checks.contains(c)).collect();
    let changed: Vec<&str> =
        changed_files(recorded, &old).into_iter().filter(|f| !unrecorded.contains(&check_of(f))).collect();
    let mut problems = Vec::new();
    if !unrecorded.is_empty() {
        let names: Vec<String> = unrecorded.iter().map(|c| format!("`{c}`")).collect();
        problems.push(format!(
            "no trace of {} is recorded yet in exercises/{}/{EXPECTED_DIR}/: run `{record_them}`, look at what it \
             wrote, and commit it",
            list_some(&names.iter().map(String::as_str).collect::<Vec<_>>()),
            exercise.name
        ));
    }
    if !changed.is_empty() {
        problems.push(format!(
            "exercises/{}/{EXPECTED_DIR}/ is out of date ({} differ from what the solution does now): \
             run `{record_them}` and commit the result",
            exercise.name,
            list_some(&changed),
        ));
    }
    Ok(problems)
}
