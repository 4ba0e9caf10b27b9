//! grader: expect pass
//! Another correct answer: an `AtomicBool` next to a `broadcast` channel. `wait()` subscribes before it looks at the flag, so a gun fired in between is still in its receiver; `set()` stores the flag before it sends.
//! grader: replaces items

use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::broadcast;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug)]
pub struct StartSignal {
    fired: AtomicBool,
    gun: broadcast::Sender<()>,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { fired: AtomicBool::new(false), gun: broadcast::channel(1).0 }
    }

    /// Fires the start: the flag first, then the message to everyone subscribed.
    pub fn set(&self) {
        if !self.fired.swap(true, Ordering::SeqCst) {
            // An error only says that nobody is subscribed.
            let _ = self.gun.send(());
        }
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Waits until the signal is set; returns at once if it is set already.
    pub async fn wait(&self) {
        let mut gun = self.gun.subscribe();
        if self.fired.load(Ordering::SeqCst) {
            return;
        }
        let _ = gun.recv().await;
    }
}
