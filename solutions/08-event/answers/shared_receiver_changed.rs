//! grader: expect fail runners_wait_for_the_gun "one watch receiver shared by every runner"
//! grader: expect fail late_runners_start_at_once "One receiver shared by every runner"
//! grader: expect fail gun_before_anyone_lines_up "Eve was still waiting at 13.000s"
//! grader: expect fail second_gun_is_harmless "Dev ran off only at 2.000s, when set() was called again"
//! One watch receiver, made in `new()` and shared by every waiter behind a `tokio::sync::Mutex`, and `wait()` awaits `changed()` on it without a look at the value: the first runner to wake marks the change seen for everyone, and the others wait for a change that never comes.
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
        let _ = seen.changed().await;
    }
}
