//! grader: expect fail late_runners_start_at_once "waits for the next change and ignores the current value"
//! grader: expect fail gun_before_anyone_lines_up "This is a lost wakeup"
//! grader: expect fail second_gun_is_harmless "ran off only at 2.000s"
//! A watch channel, but `wait()` awaits `changed()`, which waits for the next change:
//! a runner who lines up after the gun never sees it.
//! grader: replaces items

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { fired: watch::Sender::new(false) }
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
        let mut fired = self.fired.subscribe();
        let _ = fired.changed().await;
    }
}
