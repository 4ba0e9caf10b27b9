//! grader: expect pass
//! Another correct answer: one watch receiver, made in `new()` and shared by every waiter behind a `tokio::sync::Mutex`. `wait()` looks at the value, then awaits `changed()` while it holds the lock: the next runner gets the lock only after the change, and its look sees it.
//! grader: replaces items

use tokio::sync::Mutex;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug)]
pub struct StartSignal {
    fired: watch::Sender<bool>,
    seen: Mutex<watch::Receiver<bool>>,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        let (fired, seen) = watch::channel(false);
        StartSignal { fired, seen: Mutex::new(seen) }
    }

    /// Fires the start.
    pub fn set(&self) {
        self.fired.send_replace(true);
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.borrow()
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        let mut seen = self.seen.lock().await;
        if *seen.borrow() {
            return;
        }
        let _ = seen.changed().await;
    }
}
