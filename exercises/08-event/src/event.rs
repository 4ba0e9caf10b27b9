//! # 08 · event: one signal releases every waiting task
//!
//! Python's `asyncio.Event` is a flag that tasks can wait on: `await event.wait()`
//! sleeps until some other task calls `event.set()`, then every waiting task wakes up
//! together. An event remembers that it was set, so a task that calls `wait()` later
//! returns at once. Tokio has no `Event` type: you build one from the parts it has
//! (the chapter shows them, and `grader hint 08` names them when you are stuck).
//!
//! Here the event is the start of a race. Runners line up and call `wait()`; the
//! starter fires the gun and calls `set()`. Every runner on the line must run off at the
//! moment of the shot, nobody before it, and a runner who turns up after the shot must
//! run off at once.
//!
//! Run `grader check 08` to see how your code ran, and `grader hint 08` when stuck.
//! The chapter is `docs/src/08-event.md`.

use std::sync::atomic::{AtomicBool, Ordering};

/// The start of a race, like `asyncio.Event`: starts unset; `set()` releases every
/// task waiting in `wait()`, and any later `wait()` returns at once.
#[derive(Debug, Default)]
pub struct StartSignal {
    fired: AtomicBool,
}

impl StartSignal {
    /// A new signal, not set yet.
    pub fn new() -> Self {
        StartSignal::default()
    }

    /// Fires the start: wakes every task waiting in `wait()`. Setting a signal that is
    /// already set does nothing.
    pub fn set(&self) {
        self.fired.store(true, Ordering::SeqCst);
        // TODO: nothing wakes the runners waiting in `wait()`: all of them, not just one.
    }

    /// Whether `set()` has been called.
    pub fn is_set(&self) -> bool {
        self.fired.load(Ordering::SeqCst)
    }

    /// Waits until the signal is set; returns at once if it is set already.
    pub async fn wait(&self) {
        // TODO: this returns straight away, set or not: every runner makes a false start.
        //       A task must sleep here, holding no thread, until `set()` is called, and then
        //       every waiting runner wakes at that very instant; once set, `wait()` returns
        //       at once. A task can't sleep on an `AtomicBool`: nothing wakes it when the
        //       flag changes, so the state may have to live somewhere else.
    }
}
