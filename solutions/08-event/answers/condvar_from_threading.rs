//! grader: expect fail runners_wait_for_the_gun "a lock, a condition variable or a thread park"
//! grader: expect fail late_runners_start_at_once "The runtime was blocked"
//! grader: expect fail second_gun_is_harmless "The runtime was blocked"
//! `threading.Event` done the thread way: a `std::sync::Mutex<bool>` and a `Condvar`, `wait()` blocking in `Condvar::wait_while`. It holds the runtime's only thread, so no other task, the starter included, can run.

use std::sync::{Condvar, Mutex};

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: Mutex<bool>,
    gun: Condvar,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Fires the start.
    pub fn set(&self) {
        *self.fired.lock().unwrap() = true;
        self.gun.notify_all();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.lock().unwrap()
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        let fired = self.fired.lock().unwrap();
        let _fired = self.gun.wait_while(fired, |fired| !*fired).unwrap();
    }
}
