//! grader: expect pass
//! Another correct answer: a `Semaphore` with no permits. `set()` closes it, which fails
//! every pending and future `acquire()` at once: closing twice is harmless.
//! grader: replaces items

use tokio::sync::Semaphore;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug)]
pub struct StartSignal {
    gate: Semaphore,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { gate: Semaphore::new(0) }
    }

    /// Fires the start: closes the gate, releasing everyone waiting at it.
    pub fn set(&self) {
        self.gate.close();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.gate.is_closed()
    }

    /// Waits until the signal is set. There are never any permits, so `acquire()`
    /// returns only when the semaphore closes, with an error that means "go".
    pub async fn wait(&self) {
        let _ = self.gate.acquire().await;
    }
}
