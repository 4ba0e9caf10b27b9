//! Noticing saves of the learner's files: file-system events through `notify`,
//! debounced, with polling where events don't arrive.
//!
//! Only the folders that hold the current exercise's files are watched, never
//! `target/` (builds write there). A folder rather than the file itself, because many
//! editors save by writing a new file and renaming it over the old one, which ends a
//! watch on the old file. Whatever the source, a change counts only if the files'
//! contents differ from when they were last checked: the build opening the file,
//! an editor's swap file, or a save without edits never start a check.
//!
//! Polling is used with `--poll`, when no watcher can be made, and on file systems
//! known not to report changes made elsewhere (network and shared file systems; a
//! Windows drive under WSL). Even with events, the files are compared every second;
//! a change that no event reported within a second switches watch to polling, so
//! containers and other places we can't recognise are covered too.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::event::Event;

/// How long events must be quiet before a save is reported: editors write in steps.
const DEBOUNCE: Duration = Duration::from_millis(200);
/// How often the files are compared when polling.
pub(crate) const POLL_EVERY: Duration = Duration::from_millis(500);
/// How often the files are compared as a cross-check when events are used.
const CROSS_CHECK_EVERY: Duration = Duration::from_secs(1);
/// How long after polling saw a change an event may still come before events are
/// given up on. Events come after [`DEBOUNCE`], so this is generous.
const GRACE: Duration = Duration::from_secs(1);

/// What to do after a look at the files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Nothing changed, or not yet sure.
    Wait,
    /// The files changed: check again.
    Check,
    /// The files changed and no event said so: poll from now on, and check again.
    FallBack,
}

/// When to look at the files and what a look means, apart from files and threads.
#[derive(Debug)]
pub(crate) struct Detector {
    polling: bool,
    next_look: Instant,
    /// When a look first found a change that no event has reported yet.
    unreported_since: Option<Instant>,
}

impl Detector {
    pub(crate) fn new(polling: bool, now: Instant) -> Detector {
        Detector { polling, next_look: now + Detector::every(polling), unreported_since: None }
    }

    fn every(polling: bool) -> Duration {
        if polling { POLL_EVERY } else { CROSS_CHECK_EVERY }
    }

    /// How long until the next look.
    pub(crate) fn wait(&self, now: Instant) -> Duration {
        self.next_look.saturating_duration_since(now)
    }

    /// Whether it is time for a look.
    pub(crate) fn due(&self, now: Instant) -> bool {
        now >= self.next_look
    }

    /// An event came; `changed` says whether the files differ from the last check.
    pub(crate) fn event(&mut self, changed: bool) -> Decision {
        self.unreported_since = None;
        if changed { Decision::Check } else { Decision::Wait }
    }

    /// A look at the files found them `changed` or not.
    pub(crate) fn look(&mut self, now: Instant, changed: bool) -> Decision {
        self.next_look = now + Detector::every(self.polling);
        if !changed {
            self.unreported_since = None;
            return Decision::Wait;
        }
        if self.polling {
            return Decision::Check;
        }
        match self.unreported_since {
            None => {
                self.unreported_since = Some(now);
                Decision::Wait
            }
            Some(since) if now.duration_since(since) >= GRACE => {
                self.switch_to_polling(now);
                Decision::FallBack
            }
            Some(_) => Decision::Wait,
        }
    }

    /// The files were just read for a check: nothing is unreported any more.
    pub(crate) fn checked(&mut self) {
        self.unreported_since = None;
    }

    pub(crate) fn switch_to_polling(&mut self, now: Instant) {
        self.polling = true;
        self.unreported_since = None;
        self.next_look = now + POLL_EVERY;
    }
}

/// The learner's files of the current exercise, and how their saves are noticed.
pub(crate) struct Changes {
    sender: Sender<Event>,
    watcher: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
    folders: Vec<PathBuf>,
    files: Vec<PathBuf>,
    /// The files' contents when they were last checked (`None`: missing).
    snapshot: Vec<Option<Vec<u8>>>,
    detector: Detector,
    /// Why watch polls, if it does.
    polling_because: Option<String>,
}

impl Changes {
    /// Starts noticing changes under `root`: with events unless `poll` is set or
    /// they are known not to work there.
    pub(crate) fn start(sender: Sender<Event>, poll: bool, root: &Path) -> Changes {
        let polling_because = if poll { Some("--poll".to_string()) } else { events_unreliable(root) };
        let mut changes = Changes {
            sender,
            watcher: None,
            folders: Vec::new(),
            files: Vec::new(),
            snapshot: Vec::new(),
            detector: Detector::new(polling_because.is_some(), Instant::now()),
            polling_because,
        };
        if changes.polling_because.is_none() {
            let sender = changes.sender.clone();
            let handler = move |result: DebounceEventResult| {
                let event = match result {
                    Ok(events) if events.iter().any(|e| may_change(&e.event.kind)) => Event::FilesTouched,
                    Ok(_) => return,
                    Err(errors) => {
                        Event::WatchFailed(errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
                    }
                };
                let _ = sender.send(event);
            };
            match new_debouncer(DEBOUNCE, None, handler) {
                Ok(watcher) => changes.watcher = Some(watcher),
                Err(error) => changes.fall_back(format!("file events are not available here ({error})")),
            }
        }
        changes
    }

    /// How saves are noticed, for the learner: `file events` or `polling every 0.5 s (…)`.
    pub(crate) fn how(&self) -> String {
        match &self.polling_because {
            None => "file events".to_string(),
            Some(why) => format!("polling every {:.1} s: {why}", POLL_EVERY.as_secs_f64()),
        }
    }

    /// Watches `files` instead of the previous ones, and takes them as checked.
    pub(crate) fn follow(&mut self, files: Vec<PathBuf>) {
        if let Some(watcher) = &mut self.watcher {
            for folder in self.folders.drain(..) {
                let _ = watcher.unwatch(&folder);
            }
        }
        self.folders.clear();
        for file in &files {
            if let Some(folder) = file.parent()
                && !self.folders.iter().any(|f| f == folder)
            {
                self.folders.push(folder.to_path_buf());
            }
        }
        if let Some(watcher) = &mut self.watcher {
            let failed = self.folders.iter().find_map(|folder| {
                watcher.watch(folder, RecursiveMode::NonRecursive).err().map(|error| (folder.clone(), error))
            });
            if let Some((folder, error)) = failed {
                self.fall_back(format!("could not watch {} ({error})", folder.display()));
            }
        }
        self.files = files;
        self.mark();
    }

    /// Takes the files as they are now as checked.
    pub(crate) fn mark(&mut self) {
        self.snapshot = self.read();
        self.detector.checked();
    }

    /// Whether the files differ from when they were last checked.
    pub(crate) fn changed(&self) -> bool {
        self.read() != self.snapshot
    }

    /// The learner's files that don't exist (an editor between deleting and writing).
    pub(crate) fn missing(&self) -> Vec<&Path> {
        self.files.iter().filter(|f| !f.exists()).map(PathBuf::as_path).collect()
    }

    /// An event came from the watcher.
    pub(crate) fn event(&mut self) -> Decision {
        let changed = self.changed();
        self.detector.event(changed)
    }

    /// How long until the next look at the files.
    pub(crate) fn wait(&self) -> Duration {
        self.detector.wait(Instant::now())
    }

    /// Looks at the files if it is time to.
    pub(crate) fn look(&mut self) -> Decision {
        let now = Instant::now();
        if !self.detector.due(now) {
            return Decision::Wait;
        }
        let decision = self.detector.look(now, self.changed());
        if decision == Decision::FallBack {
            self.fall_back("a save came without a file event".to_string());
        }
        decision
    }

    /// Polls from now on, because of `why`.
    pub(crate) fn fall_back(&mut self, why: String) {
        if let Some(watcher) = self.watcher.take() {
            watcher.stop_nonblocking();
        }
        self.detector.switch_to_polling(Instant::now());
        self.polling_because = Some(why);
    }

    fn read(&self) -> Vec<Option<Vec<u8>>> {
        self.files.iter().map(|file| std::fs::read(file).ok()).collect()
    }
}

/// Whether an event may mean new contents: not a mere open, read or close after reading
/// (the build reads the learner's files).
fn may_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Why file events can't be trusted under `dir`, if we know they can't.
fn events_unreliable(dir: &Path) -> Option<String> {
    if windows_drive_under_wsl(dir) {
        return Some("WSL does not report changes to Windows drives".to_string());
    }
    file_system_magic(dir)
        .and_then(remote_file_system)
        .map(|name| format!("{name} file systems may not report changes made elsewhere"))
}

fn windows_drive_under_wsl(dir: &Path) -> bool {
    let wsl = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .is_ok_and(|release| release.to_ascii_lowercase().contains("microsoft"));
    let mut parts = dir.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let windows_drive = parts.next().as_deref() == Some("/")
        && parts.next().as_deref() == Some("mnt")
        && parts.next().is_some_and(|drive| drive.len() == 1);
    wsl && windows_drive
}

/// The kind of a file system, by its `statfs` magic number, if it is one whose
/// changes can come from another machine (a server, a host outside a container).
fn remote_file_system(magic: u32) -> Option<&'static str> {
    Some(match magic {
        0x6969 => "NFS",
        0x517b | 0xff53_4d42 | 0xfe53_4d42 => "SMB",
        0x0102_1997 => "9p",
        0x6573_5546 => "FUSE",
        0x5346_414f => "AFS",
        0x00c3_6400 => "Ceph",
        _ => return None,
    })
}

#[cfg(target_os = "linux")]
fn file_system_magic(dir: &Path) -> Option<u32> {
    use std::os::unix::ffi::OsStrExt as _;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut info = std::mem::MaybeUninit::<libc::statfs>::uninit();
    // SAFETY: `path` is a valid C string and `info` is large enough for a `statfs`.
    let status = unsafe { libc::statfs(path.as_ptr(), info.as_mut_ptr()) };
    if status != 0 {
        return None;
    }
    // SAFETY: `statfs` succeeded, so it filled `info`.
    let info = unsafe { info.assume_init() };
    // The field's type differs between platforms (i64, i32, u32); the magic numbers
    // are 32-bit.
    Some(((info.f_type as u64) & 0xffff_ffff) as u32)
}

#[cfg(not(target_os = "linux"))]
fn file_system_magic(_dir: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_cross_checked_and_given_up_when_a_change_goes_unreported() {
        let start = Instant::now();
        let mut detector = Detector::new(false, start);
        assert!(!detector.due(start));
        assert_eq!(detector.wait(start), CROSS_CHECK_EVERY);
        // A look finds a change; the event may still be on its way.
        let first = start + CROSS_CHECK_EVERY;
        assert_eq!(detector.look(first, true), Decision::Wait);
        // It comes: events work.
        assert_eq!(detector.event(true), Decision::Check);
        detector.checked();
        assert_eq!(detector.look(first + Duration::from_secs(1), false), Decision::Wait);
        // A change that no event reports, seen twice a grace period apart: fall back.
        let later = first + Duration::from_secs(5);
        assert_eq!(detector.look(later, true), Decision::Wait);
        assert_eq!(detector.look(later + GRACE / 2, true), Decision::Wait);
        assert_eq!(detector.look(later + GRACE, true), Decision::FallBack);
        assert_eq!(detector.wait(later + GRACE), POLL_EVERY);
        // From then on, every change seen is checked at once.
        assert_eq!(detector.look(later + GRACE + POLL_EVERY, true), Decision::Check);
    }

    #[test]
    fn polling_checks_each_change_it_sees() {
        let start = Instant::now();
        let mut detector = Detector::new(true, start);
        assert_eq!(detector.wait(start), POLL_EVERY);
        assert_eq!(detector.look(start + POLL_EVERY, false), Decision::Wait);
        assert_eq!(detector.look(start + 2 * POLL_EVERY, true), Decision::Check);
    }

    #[test]
    fn a_change_undone_before_the_grace_period_ends_is_no_reason_to_fall_back() {
        let start = Instant::now();
        let mut detector = Detector::new(false, start);
        assert_eq!(detector.look(start, true), Decision::Wait);
        assert_eq!(detector.look(start + GRACE / 2, false), Decision::Wait);
        assert_eq!(detector.look(start + GRACE * 2, true), Decision::Wait);
    }

    #[test]
    fn network_and_shared_file_systems_are_recognised() {
        assert_eq!(remote_file_system(0x6969), Some("NFS"));
        assert_eq!(remote_file_system(0xff53_4d42), Some("SMB"));
        assert_eq!(remote_file_system(0x0102_1997), Some("9p"));
        // ext4, tmpfs, overlayfs, btrfs: events work.
        for local in [0xef53, 0x0102_1994, 0x794c_7630, 0x9123_683e] {
            assert_eq!(remote_file_system(local), None);
        }
    }

    #[test]
    fn only_the_watched_files_contents_count_as_a_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("learner.rs");
        std::fs::write(&file, "fn main() {}\n").unwrap();
        let (sender, _events) = std::sync::mpsc::channel();
        let mut changes = Changes::start(sender, true, dir.path());
        assert!(changes.how().starts_with("polling every 0.5 s: --poll"), "{}", changes.how());
        changes.follow(vec![file.clone()]);
        assert!(!changes.changed());
        std::fs::write(dir.path().join("other.rs"), "// not watched\n").unwrap();
        std::fs::write(&file, "fn main() {}\n").unwrap();
        assert!(!changes.changed(), "the same contents saved again is no change");
        std::fs::write(&file, "fn main() { todo!() }\n").unwrap();
        assert!(changes.changed());
        changes.mark();
        assert!(!changes.changed());
        std::fs::remove_file(&file).unwrap();
        assert!(changes.changed());
        assert_eq!(changes.missing(), vec![file.as_path()]);
    }

    #[test]
    fn file_events_report_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("learner.rs");
        std::fs::write(&file, "fn main() {}\n").unwrap();
        let (sender, events) = std::sync::mpsc::channel();
        let mut changes = Changes::start(sender, false, dir.path());
        if changes.how() != "file events" {
            eprintln!(
                "note: no file events for {} ({}), so this test did not run",
                dir.path().display(),
                changes.how()
            );
            return;
        }
        changes.follow(vec![file.clone()]);
        std::fs::write(&file, "fn main() { todo!() }\n").unwrap();
        let event = events.recv_timeout(Duration::from_secs(10)).expect("a file event within 10 s");
        assert!(matches!(event, Event::FilesTouched), "{event:?}");
        assert_eq!(changes.event(), Decision::Check);
        changes.mark();
        assert_eq!(changes.event(), Decision::Wait, "the contents were checked since");
    }

    #[test]
    fn reads_are_not_changes() {
        assert!(!may_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!may_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(may_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(may_change(&EventKind::Any));
    }
}
