//! Sends what a check prints to its own file while it runs, by pointing the process's
//! stdout and stderr at that file and back. Checks run one at a time under the grader
//! (`--test-threads=1`), so everything printed meanwhile belongs to the check.

use std::ffi::OsString;
use std::io::Write as _;

/// Redirection of stdout and stderr for one check; undone on drop.
pub(super) struct Capture {
    #[cfg(unix)]
    saved: Option<(i32, i32)>,
}

impl Capture {
    pub(super) fn start(report: &OsString, check: &str) -> Capture {
        #[cfg(unix)]
        {
            use std::os::fd::IntoRawFd;
            let mut path = report.clone();
            path.push(format!(".{check}.out"));
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            let Ok(file) = std::fs::File::create(&path) else { return Capture { saved: None } };
            let fd = file.into_raw_fd();
            // SAFETY: plain descriptor juggling on descriptors this process owns. The saved
            // copies of the real stdout and stderr (the grader's pipes) are close-on-exec:
            // a process the learner's code starts gets the check's file as its output, and
            // nothing that could keep the grader's pipes open after the checks end.
            let saved = unsafe {
                let out = libc::fcntl(1, libc::F_DUPFD_CLOEXEC, 3);
                let err = libc::fcntl(2, libc::F_DUPFD_CLOEXEC, 3);
                libc::dup2(fd, 1);
                libc::dup2(fd, 2);
                libc::close(fd);
                (out, err)
            };
            Capture { saved: Some(saved) }
        }
        #[cfg(not(unix))]
        {
            let _ = (report, check);
            Capture {}
        }
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some((out, err)) = self.saved.take() {
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().flush();
            // SAFETY: restores the descriptors saved in `start`.
            unsafe {
                libc::dup2(out, 1);
                libc::dup2(err, 2);
                libc::close(out);
                libc::close(err);
            }
        }
    }
}
