//! The OS sandbox a checks process runs in (Linux): learner code runs inside it, on
//! someone else's machine.
//!
//! Built from the kernel's own unprivileged mechanisms, no helper program needed:
//! - **a user and a network namespace** (`unshare`): no network but a loopback of its
//!   own (exercise 19's server and clients talk over it); nothing on the machine's
//!   loopback, nothing outside;
//! - **Landlock** (the `landlock` crate): the filesystem reads only the system's
//!   libraries and configuration, `/proc`, `/dev`, the check's own executable and its
//!   exercise's copy; it writes only the run folder, which holds a private `HOME` and
//!   `TMPDIR`. The learner's home, the workbook (its `solutions/`), other submissions
//!   and the grader's files are out of reach;
//! - **limits** (`setrlimit`): file size, CPU time, and processes and threads;
//! - **clean-up**: the process group, the kernel's parent-death signal and the
//!   grader's subreaping (see [`crate::process`]).
//!
//! Everything that allocates is prepared in the grader; the child, between `fork` and
//! `exec`, only makes system calls.

use std::ffi::CString;
use std::os::fd::{AsRawFd as _, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};
use landlock::{ABI, Access, AccessFs, PathBeneath, PathFd, Ruleset, RulesetAttr as _, RulesetCreatedAttr as _};

/// The system's read-only trees a test executable needs (its loader, libc, locale,
/// `/proc/thread-self` for the watchdog, `/dev/urandom`).
const SYSTEM: &[&str] = &["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/proc", "/sys", "/dev"];

/// The largest file the checks may write: far more than any check needs (their output
/// is read up to 64 KiB), far less than a disk.
const MAX_FILE: u64 = 1 << 30;

/// The most processes and threads the checks may run at once, counted in their own
/// user namespace: tokio's blocking pool alone may grow to 512 threads, and a fork
/// bomb stops here.
const MAX_TASKS: u64 = 1024;

/// What the sandbox of one checks process allows, prepared in the grader.
#[derive(Debug)]
pub struct Sandbox {
    ruleset: OwnedFd,
    uid_map: Vec<u8>,
    gid_map: Vec<u8>,
    paths: ProcPaths,
    cpu_seconds: u64,
    home: PathBuf,
    tmp: PathBuf,
}

#[derive(Debug)]
struct ProcPaths {
    uid_map: CString,
    gid_map: CString,
    setgroups: CString,
}

impl Sandbox {
    /// Prepares a sandbox for `executable`, run from `crate_dir`, writing only in
    /// `run_dir`, for at most `cpu_seconds` of CPU time. Fails, saying why, where the
    /// kernel offers no Landlock.
    pub fn prepare(executable: &Path, crate_dir: &Path, run_dir: &Path, cpu_seconds: u64) -> Result<Sandbox> {
        let home = run_dir.join("home");
        let tmp = run_dir.join("tmp");
        for dir in [&home, &tmp] {
            std::fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
        }
        let abi = ABI::V3;
        let read = AccessFs::from_read(abi);
        let mut ruleset = Ruleset::default()
            .handle_access(AccessFs::from_all(abi))
            .context("Landlock refused the access rights")?
            .create()
            .context("failed to create a Landlock ruleset")?;
        for system in SYSTEM.iter().map(Path::new).filter(|p| p.exists()) {
            ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(system)?, read))?;
        }
        // /dev/null takes output too.
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new("/dev/null")?, AccessFs::from_file(abi)))?;
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(executable)?, AccessFs::from_file(abi) & read))?;
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(crate_dir)?, read))?;
        ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(run_dir)?, AccessFs::from_all(abi)))?;
        let fd: Option<OwnedFd> = ruleset.into();
        let Some(ruleset) = fd else {
            bail!("this kernel has no Landlock (Linux 6.2 or newer, with Landlock enabled, is needed)")
        };
        // SAFETY: getuid and getgid only read the process's ids.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        Ok(Sandbox {
            ruleset,
            uid_map: format!("{uid} {uid} 1\n").into_bytes(),
            gid_map: format!("{gid} {gid} 1\n").into_bytes(),
            paths: ProcPaths {
                uid_map: CString::new("/proc/self/uid_map").expect("no NUL"),
                gid_map: CString::new("/proc/self/gid_map").expect("no NUL"),
                setgroups: CString::new("/proc/self/setgroups").expect("no NUL"),
            },
            cpu_seconds,
            home,
            tmp,
        })
    }

    /// Makes `command` start inside this sandbox. The sandbox must live until the
    /// command has been spawned.
    pub fn confine(self, command: &mut Command) {
        command.env("HOME", &self.home).env("TMPDIR", &self.tmp);
        // SAFETY: the closure runs in the forked child before exec, and makes only
        // system calls on data prepared before the fork (no allocation, no locks).
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(command, move || self.enter());
        }
    }

    /// In the child: a user and a network namespace, their id maps, the loopback up,
    /// the limits, then Landlock.
    fn enter(&self) -> std::io::Result<()> {
        let check = |result: libc::c_int| if result < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) };
        // SAFETY (whole block): plain system calls with pointers to data that lives
        // as long as `self`.
        unsafe {
            check(libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET))?;
            write_file(&self.paths.setgroups, b"deny\n")?;
            write_file(&self.paths.uid_map, &self.uid_map)?;
            write_file(&self.paths.gid_map, &self.gid_map)?;
            loopback_up()?;
            for (resource, limit) in
                [(libc::RLIMIT_FSIZE, MAX_FILE), (libc::RLIMIT_CPU, self.cpu_seconds), (libc::RLIMIT_NPROC, MAX_TASKS)]
            {
                let limit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                check(libc::setrlimit(resource, &limit))?;
            }
            check(libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))?;
            let restricted = libc::syscall(libc::SYS_landlock_restrict_self, self.ruleset.as_raw_fd(), 0u32);
            if restricted < 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

/// Writes `bytes` to the file at `path` (a /proc file), with system calls only.
unsafe fn write_file(path: &CString, bytes: &[u8]) -> std::io::Result<()> {
    // SAFETY: the caller's path and bytes are valid for the calls.
    unsafe {
        let fd = libc::open(path.as_ptr(), libc::O_WRONLY | libc::O_CLOEXEC);
        if fd < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let written = libc::write(fd, bytes.as_ptr().cast(), bytes.len());
        libc::close(fd);
        if written < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
    }
}

/// Brings the new network namespace's loopback up, with system calls only.
unsafe fn loopback_up() -> std::io::Result<()> {
    // SAFETY: an ifreq on the stack, zeroed, named "lo"; a socket closed after use.
    unsafe {
        let socket = libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0);
        if socket < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut request: libc::ifreq = std::mem::zeroed();
        request.ifr_name[0] = b'l' as libc::c_char;
        request.ifr_name[1] = b'o' as libc::c_char;
        request.ifr_ifru.ifru_flags = (libc::IFF_UP | libc::IFF_LOOPBACK | libc::IFF_RUNNING) as libc::c_short;
        let result = libc::ioctl(socket, libc::SIOCSIFFLAGS, &request);
        libc::close(socket);
        if result < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
    }
}
