//! grader: expect fail gun_before_anyone_lines_up "`watch::Sender::send` stores nothing"
//! A watch channel, but `set()` uses `send`, which stores nothing (and returns an error)
//! when no receiver exists: a gun fired before anyone lines up is lost.
//! grader: replaces items

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        let (fired, _) = watch::channel(false);
        StartSignal { fired }
    }

    /// Fires the start.
    pub fn set(&self) {
        let _ = self.fired.send(true);
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        *self.fired.borrow()
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        let mut fired = self.fired.subscribe();
        let _ = fired.wait_for(|&fired| fired).await;
    }
}
