//! grader: expect pass
//! Another correct answer: a watch channel; `wait()` subscribes first, looks at the
//! value with `borrow_and_update()`, and otherwise awaits `changed()` (which, after
//! that look, waits for a change the receiver has not seen yet).
//! grader: replaces items

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { fired: watch::channel(false).0 }
    }

    /// Fires the start (stored even with no receiver).
    pub fn set(&self) {
        self.fired.send_if_modified(|fired| !std::mem::replace(fired, true));
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.borrow()
    }

    /// Subscribes, looks, and sleeps until the value changes.
    pub async fn wait(&self) {
        let mut rx = self.fired.subscribe();
        if *rx.borrow_and_update() {
            return;
        }
        let _ = rx.changed().await;
    }
}
