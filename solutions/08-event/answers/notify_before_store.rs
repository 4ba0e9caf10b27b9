//! grader: expect fail late_runners_start_at_once "set() wakes the waiters before it stores the flag"
//! `wait()` is right (it creates `notified()` before looking), but `set()` wakes the
//! waiters first and stores the flag after: a runner who looks in between misses it.

use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
    gun: Notify,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Fires the start: wakes everyone, then remembers it.
    pub fn set(&self) {
        self.gun.notify_waiters();
        self.fired.store(true, Ordering::SeqCst);
    }

    /// Registers first, then looks, then sleeps.
    pub async fn wait(&self) {
        let mut notified = pin!(self.gun.notified());
        notified.as_mut().enable();
        if self.is_set() {
            return;
        }
        notified.await;
    }
}
