//! grader: expect fail late_runners_start_at_once "A `broadcast` message goes only to the receivers subscribed when it is sent"
//! grader: expect fail gun_before_anyone_lines_up "This is a lost wakeup"
//! grader: expect fail second_gun_is_harmless "when set() was called again"
//! Publish/subscribe: `set()` sends on a `broadcast` channel and `wait()` subscribes and awaits `recv()`. A broadcast goes only to the receivers that exist when it is sent, so a runner who lines up after the gun waits for a message that never comes.
//! grader: replaces items

use tokio::sync::broadcast;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug)]
pub struct StartSignal {
    gun: broadcast::Sender<()>,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal { gun: broadcast::channel(1).0 }
    }

    /// Fires the start.
    pub fn set(&self) {
        // An error only says that nobody is subscribed.
        let _ = self.gun.send(());
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.gun.len() > 0
    }

    /// Waits until the signal is set.
    pub async fn wait(&self) {
        let _ = self.gun.subscribe().recv().await;
    }
}
