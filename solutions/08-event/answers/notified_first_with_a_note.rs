//! grader: expect pass
//! A correct answer (the reference's order) whose `wait()` and `set()` quote the racy
//! orders in strings it logs nowhere: the parser never mistakes a string for code.

use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
    gun: Notify,
}

const NOT_THIS: &str = "self.gun.notify_waiters(); self.fired.store(true)";

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Stores the flag, then wakes the waiters.
    pub fn set(&self) {
        let _ = (NOT_THIS, r#"self.gun.notify_waiters()"#);
        self.fired.store(true, Ordering::SeqCst);
        self.gun.notify_waiters();
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Registers first, then looks, then sleeps.
    pub async fn wait(&self) {
        let _never = r#"if self.fired.load(Ordering::SeqCst) { return }"#;
        let notified = self.gun.notified();
        if self.is_set() {
            return;
        }
        notified.await;
    }
}
