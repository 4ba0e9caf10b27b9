//! Whether a checks process runs in the OS sandbox ([`crate::sandbox`], Linux), and
//! whether the sandbox can start on this machine, found out once by starting a
//! trivial program in it.

use std::sync::OnceLock;

/// How a command wants its checks confined.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Confine {
    /// Not at all (`grade --no-sandbox`).
    #[default]
    Off,
    /// In the sandbox when this machine can start it (`check`, `watch`, `verify`).
    IfAvailable,
    /// In the sandbox, or not at all: the command fails, saying why (`grade`).
    Required,
}

/// `Ok` when the sandbox starts on this machine, else why not.
pub fn available() -> Result<(), String> {
    static PROBED: OnceLock<Result<(), String>> = OnceLock::new();
    PROBED.get_or_init(probe).clone()
}

#[cfg(target_os = "linux")]
fn probe() -> Result<(), String> {
    let dir = tempfile_dir().map_err(|e| format!("no folder to try it in: {e}"))?;
    let program = std::path::Path::new("/bin/true");
    let sandbox = crate::sandbox::Sandbox::prepare(program, &dir, &dir, None, 5).map_err(|e| format!("{e:#}"))?;
    let mut command = std::process::Command::new(program);
    sandbox.confine(&mut command);
    let status = command.status().map_err(|e| format!("a process could not start in it: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    match status? {
        status if status.success() => Ok(()),
        status => Err(format!("a trivial program failed in it ({status})")),
    }
}

#[cfg(target_os = "linux")]
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("grader-sandbox-probe-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[cfg(not(target_os = "linux"))]
fn probe() -> Result<(), String> {
    Err("the sandbox needs Linux (user and network namespaces, and Landlock)".to_string())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_sandbox_starts_on_this_machine() {
        // `grade` refuses to run without it (unless --no-sandbox): say why if it can't.
        if let Err(why) = super::available() {
            panic!("the grader's sandbox does not start on this machine: {why}");
        }
    }
}
