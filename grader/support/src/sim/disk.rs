//! A simulated slow disk: files that take [`DELAY`] of real time to open, the way a
//! file on a busy network share would. They are named pipes (FIFOs) whose other end
//! turns up late, so opening one blocks the opening thread, and nothing else.
//!
//! `std::fs` called inside async code blocks the runtime's thread for that time;
//! `tokio::fs` does the same work on the blocking pool and leaves the runtime free.
//! Unix only.

use std::ffi::CString;
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long a slow file takes to open: 500 ms of real time.
pub const DELAY: Duration = Duration::from_millis(500);

/// How long the disk waits for someone to open a file before giving up.
const PATIENCE: Duration = Duration::from_secs(5);

/// A folder of its own for each slow file, removed when the file is dropped.
#[derive(Debug)]
struct Folder(PathBuf);

impl Folder {
    fn new() -> Folder {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("workbook-disk-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("can't create a folder in the temp directory");
        Folder(path)
    }

    fn fifo(&self, name: &str) -> PathBuf {
        let path = self.0.join(name);
        let c_path = CString::new(path.as_os_str().as_bytes()).expect("temp path contains a NUL byte");
        // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
        let status = unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) };
        assert_eq!(status, 0, "mkfifo {} failed: {}", path.display(), std::io::Error::last_os_error());
        path
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A file to read whose contents arrive [`DELAY`] after someone opens it.
///
/// ```
/// let file = workbook::sim::disk::slow_file("hello");
/// let text = tokio::runtime::Runtime::new().unwrap().block_on(tokio::fs::read_to_string(file.path()));
/// assert_eq!(text.unwrap(), "hello");
/// ```
#[derive(Debug)]
pub struct SlowFile {
    path: PathBuf,
    _folder: Folder,
}

impl SlowFile {
    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Makes a slow file holding `contents`: opening it for reading takes [`DELAY`].
pub fn slow_file(contents: &str) -> SlowFile {
    let folder = Folder::new();
    let path = folder.fifo("report.txt");
    let writer_path = path.clone();
    let contents = contents.to_string();
    std::thread::spawn(move || {
        std::thread::sleep(DELAY);
        let deadline = Instant::now() + PATIENCE;
        // Opening the write end without blocking fails until a reader is there.
        while Instant::now() < deadline {
            match OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(&writer_path) {
                Ok(mut pipe) => {
                    let _ = pipe.write_all(contents.as_bytes());
                    return;
                }
                Err(_) => std::thread::sleep(Duration::from_millis(2)),
            }
        }
    });
    SlowFile { path, _folder: folder }
}

/// A place to write to that only starts accepting [`DELAY`] after someone opens it.
/// [`SlowSink::received`] says what was written.
///
/// ```
/// let sink = workbook::sim::disk::slow_sink();
/// tokio::runtime::Runtime::new().unwrap().block_on(tokio::fs::write(sink.path(), "saved")).unwrap();
/// assert_eq!(sink.received().as_deref(), Some("saved"));
/// ```
#[derive(Debug)]
pub struct SlowSink {
    path: PathBuf,
    received: mpsc::Receiver<String>,
    _folder: Folder,
}

/// Makes a slow place to write to.
pub fn slow_sink() -> SlowSink {
    let folder = Folder::new();
    let path = folder.fifo("report.txt");
    let reader_path = path.clone();
    let (tx, received) = mpsc::channel();
    std::thread::spawn(move || {
        std::thread::sleep(DELAY);
        // Blocks until a writer opens the other end (or `SlowSink`'s drop does).
        if let Ok(mut pipe) = OpenOptions::new().read(true).open(&reader_path) {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            let _ = tx.send(text);
        }
    });
    SlowSink { path, received, _folder: folder }
}

impl SlowSink {
    /// Where to write.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was written, once the writer closed the file; `None` if nothing was
    /// written within a few seconds.
    pub fn received(&self) -> Option<String> {
        self.received.recv_timeout(DELAY + PATIENCE).ok()
    }
}

impl Drop for SlowSink {
    fn drop(&mut self) {
        // Release a reader still waiting for a writer, so its thread ends.
        let _ = OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(&self.path);
    }
}

/// A place to write to that opens at once but is full: it takes no data until
/// [`DELAY`] after it is made, so a write waits that long. [`FullSink::taking_from`]
/// says when it began to take data, and [`FullSink::received`] what was written.
///
/// A `save_report` that returns before [`FullSink::taking_from`] returned before its
/// data could have been written: a write still in flight (a `tokio::fs::File` dropped
/// without `flush()`).
///
/// ```
/// let sink = workbook::sim::disk::full_sink();
/// tokio::runtime::Runtime::new().unwrap().block_on(tokio::fs::write(sink.path(), "saved")).unwrap();
/// let returned = std::time::Instant::now();
/// assert_eq!(sink.received().as_deref(), Some("saved"));
/// assert!(sink.taking_from().is_some_and(|from| from <= returned));
/// ```
#[derive(Debug)]
pub struct FullSink {
    path: PathBuf,
    received: mpsc::Receiver<String>,
    taking_from: std::sync::Arc<std::sync::OnceLock<Instant>>,
    _folder: Folder,
}

/// Makes a full place to write to: see [`FullSink`].
pub fn full_sink() -> FullSink {
    let folder = Folder::new();
    let path = folder.fifo("report.txt");
    // Both ends open without blocking once the read end is there.
    let reader = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&path)
        .expect("can't open the sink's read end");
    let mut filler = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&path)
        .expect("can't open the sink's filler end");
    // Fill the pipe to the last byte: a write of any size now waits for the reader.
    let mut filled = 0usize;
    let chunk = [0u8; 4096];
    while let Ok(n) = filler.write(&chunk) {
        filled += n;
    }
    while let Ok(n) = filler.write(&[0u8]) {
        filled += n;
    }
    let (tx, received) = mpsc::channel();
    let taking_from = std::sync::Arc::new(std::sync::OnceLock::new());
    let taking = std::sync::Arc::clone(&taking_from);
    std::thread::spawn(move || {
        std::thread::sleep(DELAY);
        let mut reader = reader;
        // SAFETY: plain fcntl calls on a descriptor this thread owns.
        unsafe {
            use std::os::fd::AsRawFd;
            let fd = reader.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK);
        }
        let _ = taking.set(Instant::now());
        let mut filler_back = vec![0u8; filled];
        if reader.read_exact(&mut filler_back).is_err() {
            return;
        }
        // Only the writer's end is left open: its close is the end of the file.
        drop(filler);
        let mut bytes = Vec::new();
        let _ = reader.read_to_end(&mut bytes);
        let _ = tx.send(String::from_utf8_lossy(&bytes).into_owned());
    });
    FullSink { path, received, taking_from, _folder: folder }
}

impl FullSink {
    /// Where to write.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was written, once the writer closed the file; `None` if nothing came
    /// within a few seconds.
    pub fn received(&self) -> Option<String> {
        self.received.recv_timeout(DELAY + PATIENCE).ok()
    }

    /// When the sink began to take data ([`DELAY`] after it was made); `None` before.
    pub fn taking_from(&self) -> Option<Instant> {
        self.taking_from.get().copied()
    }
}
