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
