//! Turns the parsed command line into a resolved [`Config`]: where the workbook is,
//! and whether to use colour. Decided once, here.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, ColorChoice};

/// Settings every command shares.
#[derive(Clone, Debug)]
pub struct Config {
    /// The workbook's root folder (the one with `Cargo.toml`, `exercises/`, `solutions/`).
    pub root: PathBuf,
    /// Whether output is coloured; also passed on to cargo.
    pub color: bool,
}

impl Config {
    /// Resolves the workbook root and the colour choice, and sets `colored`'s override.
    pub fn from_cli(cli: &Cli) -> Result<Config> {
        let color = decide_color(cli.color);
        colored::control::set_override(color);
        let root = match &cli.root {
            Some(root) => {
                let root = root
                    .canonicalize()
                    .with_context(|| format!("failed to find the workbook folder {}", root.display()))?;
                if !is_workbook(&root) {
                    bail!(
                        "{} is not a workbook folder: it needs a Cargo.toml and an exercises/ folder \
                         (hint: pass the folder you cloned, or leave out --root)",
                        root.display()
                    );
                }
                root
            }
            None => find_root()?,
        };
        Ok(Config { root, color })
    }

    /// `exercises/` under the root.
    pub fn exercises_dir(&self) -> PathBuf {
        self.root.join("exercises")
    }

    /// `solutions/` under the root.
    pub fn solutions_dir(&self) -> PathBuf {
        self.root.join("solutions")
    }

    /// The grader's own state folder, `.grader/` under the root (ignored by git).
    pub fn state_dir(&self) -> PathBuf {
        self.root.join(".grader")
    }

    /// The cargo target folder every build shares.
    pub fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| self.root.join("target"))
    }
}

fn decide_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if set("CLICOLOR_FORCE") {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

fn is_workbook(dir: &Path) -> bool {
    dir.join("Cargo.toml").is_file() && dir.join("exercises").is_dir()
}

fn find_root() -> Result<PathBuf> {
    let cwd = std::env::current_dir().context("failed to read the current folder")?;
    for dir in cwd.ancestors() {
        if is_workbook(dir) {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "this is not inside the workbook: no folder from {} upwards has a Cargo.toml and an \
         exercises/ folder (hint: `cd` into the folder you cloned, or pass --root)",
        cwd.display()
    )
}
