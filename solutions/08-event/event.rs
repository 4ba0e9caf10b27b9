//! # 08 · event: one signal releases every waiting task
//!
//! Reference solution: the state lives in a `tokio::sync::watch` channel.

use tokio::sync::watch;

/// The start of a race, like `asyncio.Event`: starts unset; `set()` releases every
/// task waiting in `wait()`, and any later `wait()` returns at once.
#[derive(Debug)]
pub struct StartSignal {
    /// `true` once the gun has fired. Each waiter subscribes its own receiver.
    fired: watch::Sender<bool>,
}

impl Default for StartSignal {
    fn default() -> Self {
        StartSignal::new()
    }
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { fired: watch::Sender::new(false) }
    }

    /// Fires the start: wakes every task waiting in `wait()`. Setting a signal that is
    /// already set does nothing.
    pub fn set(&self) {
        // `send_replace` stores the value even when nobody is subscribed yet;
        // `send` would drop it and return an error.
        self.fired.send_replace(true);
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.borrow()
    }

    /// Waits until the signal is set; returns at once if it is set already.
    pub async fn wait(&self) {
        let mut fired = self.fired.subscribe();
        // `wait_for` looks at the current value first, then sleeps until it changes.
        // It fails only if the sender is gone, and `self` holds the sender.
        let _ = fired.wait_for(|&fired| fired).await;
    }
}
