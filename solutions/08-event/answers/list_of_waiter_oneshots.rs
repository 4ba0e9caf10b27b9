//! grader: expect pass
//! Another correct answer, the way `asyncio.Event` itself is built: a flag and a list of waiters, each a oneshot channel. `wait()` looks and joins the list under one lock; `set()` sets the flag and wakes everyone on the list under that lock.

use std::sync::Mutex;

use tokio::sync::oneshot;

/// The start of a race, like `asyncio.Event`.
#[derive(Debug, Default)]
pub struct StartSignal {
    state: Mutex<State>,
}

/// The flag and the runners waiting for it.
#[derive(Debug, Default)]
struct State {
    fired: bool,
    waiting: Vec<oneshot::Sender<()>>,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Fires the start: every runner on the list is woken, and the list is emptied.
    pub fn set(&self) {
        let mut state = self.state.lock().unwrap();
        state.fired = true;
        for runner in state.waiting.drain(..) {
            let _ = runner.send(());
        }
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.state.lock().unwrap().fired
    }

    /// Waits until the signal is set; returns at once if it is set already.
    pub async fn wait(&self) {
        let woken = {
            let mut state = self.state.lock().unwrap();
            if state.fired {
                return;
            }
            let (wake, woken) = oneshot::channel();
            state.waiting.push(wake);
            woken
        };
        let _ = woken.await;
    }
}
