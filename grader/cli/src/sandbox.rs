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
//!   Of `/proc` it reads only its own threads' folders (`/proc/<pid>/task`, which the
//!   watchdog reads): not its memory (`/proc/self/mem`, where the report's key lives),
//!   not its first environment, not other processes;
//! - **limits** (`setrlimit`): file size, CPU time, and processes and threads;
//! - **a PID namespace**: the checks process and everything it starts live in a PID
//!   namespace whose first process is a small reaper forked from the grader. When the
//!   checks process ends, the reaper ends, and the kernel ends every process left in
//!   the namespace: `setsid`, double forks and daemons included, even when the grader
//!   itself was killed. Three processes, all forks of the grader, between `fork` and
//!   `exec`:
//!
//!   ```text
//!   keeper (outside)  ── waits for the reaper, then exits as the checks process did
//!     └ reaper (PID 1) ── reaps orphans; when the checks process ends, passes its
//!         │              status to the keeper over a pipe and exits
//!         └ checks     ── execs the test executable (PID 2), limits and Landlock on
//!   ```
//!
//!   The checks process is not PID 1 itself, because PID 1 ignores the signals it
//!   sends itself: an `abort()` must still die from `SIGABRT`, which the grader's
//!   lessons read.
//!
//! Everything that allocates is prepared in the grader; the children, between `fork`
//! and `exec`, only make system calls.

use std::ffi::CString;
use std::os::fd::{AsRawFd as _, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result, bail};
use landlock::{ABI, Access, AccessFs, PathBeneath, PathFd, Ruleset, RulesetAttr as _, RulesetCreatedAttr as _};

/// The system's read-only trees a test executable needs (its loader, libc, locale,
/// `/dev/urandom`). `/proc` is not one: the checks process gets its own threads'
/// folder only (see [`Sandbox::enter`]).
const SYSTEM: &[&str] = &["/usr", "/lib", "/lib64", "/lib32", "/bin", "/sbin", "/etc", "/sys", "/dev"];

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
    /// Landlock's read rights, as the kernel's bits, for the rule the checks process
    /// adds for its own `/proc/<pid>/task`.
    read_bits: u64,
    cpu_seconds: u64,
    home: PathBuf,
    tmp: PathBuf,
}

#[derive(Debug)]
struct ProcPaths {
    uid_map: CString,
    gid_map: CString,
    setgroups: CString,
    own_threads: CString,
}

impl Sandbox {
    /// Prepares a sandbox for `executable`, run from `crate_dir`, writing only in
    /// `run_dir` and `also_writes` (the folder `grader verify` records traces in), for
    /// at most `cpu_seconds` of CPU time. Fails, saying why, where the kernel offers no
    /// Landlock.
    pub fn prepare(
        executable: &Path,
        crate_dir: &Path,
        run_dir: &Path,
        also_writes: Option<&Path>,
        cpu_seconds: u64,
    ) -> Result<Sandbox> {
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
        for writable in std::iter::once(run_dir).chain(also_writes) {
            std::fs::create_dir_all(writable).with_context(|| format!("failed to create {}", writable.display()))?;
            ruleset = ruleset.add_rule(PathBeneath::new(PathFd::new(writable)?, AccessFs::from_all(abi)))?;
        }
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
                own_threads: CString::new("/proc/self/task").expect("no NUL"),
            },
            read_bits: read.bits(),
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

    /// In the child: a user, a network and a PID namespace, their id maps, the
    /// loopback up; then the keeper and the reaper fork off (see the module's notes),
    /// and the checks process sets its limits, then Landlock.
    fn enter(&self) -> std::io::Result<()> {
        // SAFETY (whole block): plain system calls with pointers to data that lives
        // as long as `self`; `keep_outside` and `reap_namespace` never return.
        unsafe {
            // The keeper goes when the grader goes (its other closures run in the checks
            // process only).
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            check(libc::unshare(libc::CLONE_NEWUSER | libc::CLONE_NEWNET | libc::CLONE_NEWPID))?;
            write_file(&self.paths.setgroups, b"deny\n")?;
            write_file(&self.paths.uid_map, &self.uid_map)?;
            write_file(&self.paths.gid_map, &self.gid_map)?;
            loopback_up()?;
            let mut status_pipe = [0; 2];
            check(libc::pipe2(status_pipe.as_mut_ptr(), libc::O_CLOEXEC))?;
            let [status_read, status_write] = status_pipe;
            match libc::fork() {
                -1 => return Err(std::io::Error::last_os_error()),
                0 => {}
                reaper => keep_outside(reaper, status_read, status_write),
            }
            // The reaper, PID 1 of the new namespace: it goes when the keeper goes.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            libc::close(status_read);
            match libc::fork() {
                -1 => return Err(std::io::Error::last_os_error()),
                0 => {}
                checks => reap_namespace(checks, status_write),
            }
            // The checks process.
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            libc::close(status_write);
            for (resource, limit) in
                [(libc::RLIMIT_FSIZE, MAX_FILE), (libc::RLIMIT_CPU, self.cpu_seconds), (libc::RLIMIT_NPROC, MAX_TASKS)]
            {
                let limit = libc::rlimit { rlim_cur: limit, rlim_max: limit };
                check(libc::setrlimit(resource, &limit))?;
            }
            check(libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))?;
            // Its own threads' folder, read-only. The descriptor stays open (not
            // close-on-exec): it pins the folder, so the rule keeps naming the folder the
            // watchdog reads for as long as the process lives.
            let own_threads = libc::open(self.paths.own_threads.as_ptr(), libc::O_PATH | libc::O_DIRECTORY);
            if own_threads < 0 {
                return Err(std::io::Error::last_os_error());
            }
            let rule = PathBeneathAttr { allowed_access: self.read_bits, parent_fd: own_threads };
            let added = libc::syscall(
                libc::SYS_landlock_add_rule,
                self.ruleset.as_raw_fd(),
                LANDLOCK_RULE_PATH_BENEATH,
                &rule as *const PathBeneathAttr,
                0u32,
            );
            if added < 0 {
                return Err(std::io::Error::last_os_error());
            }
            let restricted = libc::syscall(libc::SYS_landlock_restrict_self, self.ruleset.as_raw_fd(), 0u32);
            if restricted < 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

/// `struct landlock_path_beneath_attr` of the kernel's Landlock API.
#[repr(C, packed)]
struct PathBeneathAttr {
    allowed_access: u64,
    parent_fd: libc::c_int,
}

/// `LANDLOCK_RULE_PATH_BENEATH`.
const LANDLOCK_RULE_PATH_BENEATH: libc::c_int = 1;

/// A system call's result as an `io::Result`.
fn check(result: libc::c_int) -> std::io::Result<()> {
    if result < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) }
}

/// Closes every descriptor from 3 up but `keep`.
unsafe fn close_all_but(keep: libc::c_int) {
    // SAFETY: close_range on descriptors this forked process owns and no longer needs.
    unsafe {
        if keep > 3 {
            libc::syscall(libc::SYS_close_range, 3u32, (keep - 1) as u32, 0u32);
        }
        libc::syscall(libc::SYS_close_range, (keep + 1) as u32, u32::MAX, 0u32);
    }
}

/// The keeper, outside the namespace: the grader's child. It waits for the reaper,
/// then ends as the checks process ended (its exit code, or its signal), which the
/// reaper wrote to the status pipe. Never returns.
unsafe fn keep_outside(reaper: libc::pid_t, status_read: libc::c_int, status_write: libc::c_int) -> ! {
    // SAFETY: async-signal-safe system calls only, in a forked child.
    unsafe {
        libc::close(status_write);
        // Closing std's own descriptors (the pipe that tells `spawn` the exec failed)
        // lets `spawn` return once the checks process has exec'd.
        close_all_but(status_read);
        let mut status = 0;
        while libc::waitpid(reaper, &mut status, 0) < 0 && *libc::__errno_location() == libc::EINTR {}
        let mut passed = 0;
        if libc::read(status_read, (&raw mut passed).cast(), 4) == 4 {
            status = passed;
        }
        if libc::WIFSIGNALED(status) {
            let signal = libc::WTERMSIG(status);
            libc::signal(signal, libc::SIG_DFL);
            let mut only = std::mem::zeroed();
            libc::sigemptyset(&mut only);
            libc::sigaddset(&mut only, signal);
            libc::sigprocmask(libc::SIG_UNBLOCK, &only, std::ptr::null_mut());
            libc::kill(libc::getpid(), signal);
            libc::_exit(128 + signal);
        }
        libc::_exit(libc::WEXITSTATUS(status))
    }
}

/// The reaper, PID 1 of the namespace: reaps whatever is orphaned in it until the
/// checks process ends, passes that status on, and exits, which ends every process
/// left in the namespace. Never returns.
unsafe fn reap_namespace(checks: libc::pid_t, status_write: libc::c_int) -> ! {
    // SAFETY: async-signal-safe system calls only, in a forked child.
    unsafe {
        close_all_but(status_write);
        loop {
            let mut status = 0;
            let reaped = libc::waitpid(-1, &mut status, 0);
            if reaped == checks {
                libc::write(status_write, (&raw const status).cast(), 4);
                libc::_exit(0);
            }
            if reaped < 0 && *libc::__errno_location() != libc::EINTR {
                libc::_exit(1);
            }
        }
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
