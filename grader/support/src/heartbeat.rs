//! A heartbeat: proof, in real time, that the runtime's thread stayed free.
//!
//! A thread outside the runtime sends a beat every [`PERIOD`]; a task on the runtime
//! answers each one. While the runtime's only thread is held by blocking code, nobody
//! answers, and the beats pile up. [`Beats::longest_wait`] says how long the worst one
//! waited.
//!
//! Tokio's clock is paused in checks, and it does not move while a `spawn_blocking` job
//! runs (auto-advance waits for the blocking pool), so a heartbeat timed in virtual time
//! would prove nothing there. This one is timed by the wall clock, and only its verdict
//! (kept the schedule or not) is used: the number of beats varies from run to run, so
//! it never goes into a trace.
//!
//! The beating thread is a blocking-pool job, so while a heartbeat runs the paused clock
//! does not jump ahead by itself: work timed by the wall clock (a `spawn_blocking` job,
//! or even a plain `std::thread`) is waited for, as it would be in production.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

/// How often the heartbeat beats: every 10 ms of real time.
pub const PERIOD: Duration = Duration::from_millis(10);

/// A beat that waits this long for an answer counts as missed: 200 ms. A free runtime
/// answers in well under a millisecond; a blocking call of [`crate::sim::legacy`] holds
/// the thread for 500 ms.
pub const MISSED: Duration = Duration::from_millis(200);

/// A running heartbeat. Start it inside a run, do the work, then [`Heartbeat::stop`].
///
/// ```
/// use workbook::heartbeat::Heartbeat;
///
/// let run = workbook::run(async {
///     let heartbeat = Heartbeat::start();
///     tokio::task::spawn_blocking(|| std::thread::sleep(std::time::Duration::from_millis(300)))
///         .await
///         .unwrap();
///     heartbeat.stop().await
/// });
/// assert!(run.value.kept_schedule());
///
/// // The same wait on the runtime's own thread: the beats go unanswered.
/// let run = workbook::run(async {
///     let heartbeat = Heartbeat::start();
///     std::thread::sleep(std::time::Duration::from_millis(300));
///     heartbeat.stop().await
/// });
/// assert!(!run.value.kept_schedule());
/// ```
#[derive(Debug)]
pub struct Heartbeat {
    stop: Arc<AtomicBool>,
    beater: tokio::task::JoinHandle<()>,
    answers: tokio::task::JoinHandle<Beats>,
}

/// What a heartbeat saw.
#[derive(Clone, Copy, Debug)]
pub struct Beats {
    /// How many beats were answered.
    pub answered: usize,
    /// The longest any beat waited for its answer, in real time.
    pub longest_wait: Duration,
}

impl Beats {
    /// Whether every beat was answered within [`MISSED`].
    ///
    /// ```
    /// use workbook::heartbeat::Beats;
    ///
    /// let beats = Beats { answered: 50, longest_wait: std::time::Duration::from_millis(500) };
    /// assert!(!beats.kept_schedule());
    /// ```
    pub fn kept_schedule(&self) -> bool {
        self.longest_wait < MISSED
    }
}

impl Heartbeat {
    /// Starts beating. Must be called inside a tokio runtime, such as a
    /// [`crate::run`]: the answering task is spawned on it.
    pub fn start() -> Heartbeat {
        let (beats, mut inbox) = mpsc::unbounded_channel::<Instant>();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let beater = tokio::task::spawn_blocking(move || {
            while !stopped.load(Ordering::Relaxed) {
                if beats.send(Instant::now()).is_err() {
                    break;
                }
                std::thread::sleep(PERIOD);
            }
        });
        let answers = tokio::spawn(async move {
            let mut seen = Beats { answered: 0, longest_wait: Duration::ZERO };
            while let Some(sent) = inbox.recv().await {
                seen.answered += 1;
                seen.longest_wait = seen.longest_wait.max(sent.elapsed());
            }
            seen
        });
        Heartbeat { stop, beater, answers }
    }

    /// Stops the heartbeat and reports what it saw.
    pub async fn stop(self) -> Beats {
        self.stop.store(true, Ordering::Relaxed);
        self.beater.await.expect("the heartbeat's thread failed");
        self.answers.await.expect("the heartbeat's task failed")
    }
}
