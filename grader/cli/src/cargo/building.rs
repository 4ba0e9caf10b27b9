//! What the learner sees while an exercise builds, so a first check (a minute or more
//! on a slow machine) never looks frozen: on a terminal, a spinner that counts the
//! crates compiled so far and names the last one; elsewhere, one line when the build
//! starts. Fed by cargo's JSON messages as they come ([`crate::process::LineObserver`]).

use std::io::IsTerminal as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The build's display; it goes when dropped.
#[derive(Debug)]
pub struct BuildDisplay {
    what: String,
    bar: Option<indicatif::ProgressBar>,
    compiled: Arc<AtomicUsize>,
}

impl BuildDisplay {
    /// Starts showing that `what` builds: a spinner on a terminal, else one line, both
    /// on standard error (standard output may carry `--format json`).
    pub fn start(what: &str) -> BuildDisplay {
        let what = what.to_string();
        let bar = if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
                bar.set_style(style);
            }
            bar.set_message(format!("Building {what}…"));
            bar.enable_steady_tick(Duration::from_millis(100));
            Some(bar)
        } else {
            eprintln!("{}", start_line(&what));
            None
        };
        BuildDisplay { what, bar, compiled: Arc::new(AtomicUsize::new(0)) }
    }

    /// What reads cargo's messages and moves the spinner on.
    pub fn observer(&self) -> crate::process::LineObserver {
        let bar = self.bar.clone();
        let compiled = self.compiled.clone();
        let what = self.what.clone();
        Arc::new(move |line: &str| {
            let Some(bar) = &bar else { return };
            if let Some(name) = compiled_crate(line) {
                let count = compiled.fetch_add(1, Ordering::Relaxed) + 1;
                bar.set_message(progress_message(&what, count, &name));
            }
        })
    }
}

impl Drop for BuildDisplay {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The one line shown where there is no terminal.
pub fn start_line(what: &str) -> String {
    format!("Building {what} and its checks…")
}

/// The spinner's words after `count` crates, the last one `name`.
fn progress_message(what: &str, count: usize, name: &str) -> String {
    let crates = if count == 1 { "crate" } else { "crates" };
    format!("Building {what}: {count} {crates} compiled, last {name}")
}

/// The crate a cargo message says was just compiled (not one already fresh).
fn compiled_crate(line: &str) -> Option<String> {
    // Diagnostics are long and many; only artifacts move the count.
    if !line.contains("\"compiler-artifact\"") {
        return None;
    }
    match serde_json::from_str::<cargo_metadata::Message>(line).ok()? {
        cargo_metadata::Message::CompilerArtifact(artifact) if !artifact.fresh => Some(artifact.target.name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{compiled_crate, progress_message};

    #[test]
    fn only_crates_compiled_now_count() {
        // A line as cargo writes it (`--message-format=json`), fresh or not.
        let built = r#"{"reason":"compiler-artifact","package_id":"path+file:///w/grader/protocol#grader-protocol@0.1.0","manifest_path":"/w/grader/protocol/Cargo.toml","target":{"kind":["lib"],"crate_types":["lib"],"name":"tokio","src_path":"/w/src/lib.rs","edition":"2024","doc":true,"doctest":true,"test":true},"profile":{"opt_level":"0","debuginfo":0,"debug_assertions":true,"overflow_checks":true,"test":false},"features":[],"filenames":["/w/libtokio.rlib"],"executable":null,"fresh":false}"#;
        let fresh = built.replace(r#""fresh":false"#, r#""fresh":true"#);
        let fresh = fresh.as_str();
        let other = r#"{"reason":"compiler-message","message":{"rendered":"compiler-artifact"}}"#;
        assert_eq!(compiled_crate(built).as_deref(), Some("tokio"));
        assert_eq!(compiled_crate(fresh), None);
        assert_eq!(compiled_crate(other), None);
        assert_eq!(progress_message("04-gather", 1, "tokio"), "Building 04-gather: 1 crate compiled, last tokio");
    }
}
