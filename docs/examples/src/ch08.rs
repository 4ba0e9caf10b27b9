//! Chapter 08 · Event: one signal releases every waiting task.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use workbook::sim::race::{self, Leg};
use workbook::trace::{Span, note};
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch08::watch_doors", || Picture::of(watch_doors())),
    ("ch08::notify_waiters_alone", || {
        Picture::of(notify_only([("Ada", secs(0)), ("Dev", secs(3)), ("Eve", secs(4))], Notify::notify_waiters))
    }),
    ("ch08::notify_one", || {
        Picture::of(notify_only([("Ada", secs(0)), ("Ben", millis(500)), ("Cleo", secs(1))], Notify::notify_one))
    }),
];

/// A race started by a `Notify` alone, no flag beside it: each runner lines up at its
/// time and waits for `notified()`; at 2 s the gun fires, and `notify` wakes whom it wakes.
async fn notify_only(lines_up: [(&'static str, Duration); 3], notify: fn(&Notify)) {
    let gun = Arc::new(Notify::new());
    let runners = lines_up.map(|(name, at)| {
        let gun = Arc::clone(&gun);
        runner(name, at, async move { gun.notified().await })
    });
    tokio::time::sleep(secs(2)).await;
    race::fire_gun();
    notify(&gun);
    finish(runners).await;
}

/// A runner, as a task: comes to the start line at `lines_up_at`, waits for `start`
/// (at most 10 s), then runs off. The trace shows it as `runner <name>`.
pub fn runner(
    name: &'static str,
    lines_up_at: Duration,
    start: impl Future<Output = ()> + Send + 'static,
) -> JoinHandle<Leg> {
    tokio::spawn(async move {
        tokio::time::sleep(lines_up_at).await;
        race::line_up(name, start).await
    })
}

/// Waits for every runner to run off (or give up).
pub async fn finish<const N: usize>(runners: [JoinHandle<Leg>; N]) -> Vec<Leg> {
    let mut legs = Vec::new();
    for runner in runners {
        legs.push(runner.await.expect("a runner panicked"));
    }
    legs
}

/// A fan, as a task: arrives at the concert hall at `arrives_at`, queues until
/// `doors` is ready, then walks in, and says when. The trace shows the wait as a span
/// `fan <name>`.
pub fn fan(
    name: &'static str,
    arrives_at: Duration,
    doors: impl Future<Output = ()> + Send + 'static,
) -> JoinHandle<tokio::time::Instant> {
    tokio::spawn(async move {
        tokio::time::sleep(arrives_at).await;
        let queue = Span::begin(format!("fan {name}"), "queues");
        doors.await;
        queue.end("walks in");
        tokio::time::Instant::now()
    })
}

/// The staff open the doors: a note `staff • open the doors`.
fn open_the_doors() {
    note("staff", "open the doors");
}

/// The doors of a concert hall, opened with a watch channel at 2 s: Ada, Ben and Cleo
/// queue before, Dev arrives after.
pub async fn watch_doors() -> Vec<tokio::time::Instant> {
    // ANCHOR: watch_race
    let doors = watch::Sender::new(false); // the staff's end: closed for now
    let mut fans = Vec::new();
    for (name, arrives_at) in [("Ada", secs(0)), ("Ben", millis(500)), ("Cleo", secs(1)), ("Dev", secs(3))] {
        let mut open = doors.subscribe(); // each fan gets a receiver of their own
        fans.push(fan(name, arrives_at, async move {
            // Looks at the current value first; sleeps only while it is false.
            let _ = open.wait_for(|&open| open).await;
        }));
    }
    tokio::time::sleep(secs(2)).await;
    open_the_doors(); // the trace's `staff • open the doors`
    doors.send_replace(true); // stored, and every waiting receiver is woken
    // ANCHOR_END: watch_race
    let mut walked_in = Vec::new();
    for fan in fans {
        walked_in.push(fan.await.expect("a fan panicked"));
    }
    walked_in
}

// ANCHOR: notify_and_flag
/// The staff: the state first, then wake everyone waiting now.
fn open(opened: &AtomicBool, doors: &Notify) {
    opened.store(true, Ordering::SeqCst);
    doors.notify_waiters();
}

/// A fan's wait: returns at once if the doors are open, sleeps until they are otherwise.
async fn wait_for_doors(opened: &AtomicBool, doors: &Notify) {
    let notified = pin!(doors.notified()); // from this line on, `notify_waiters` reaches it
    if opened.load(Ordering::SeqCst) {
        return; // the doors are open already: don't sleep
    }
    notified.await;
}
// ANCHOR_END: notify_and_flag

/// Doors made of a `Notify` and a flag, shared by the fans' tasks.
#[derive(Debug, Default)]
pub struct Doors {
    pub opened: AtomicBool,
    pub notify: Notify,
}

/// The same doors as [`watch_doors`], with [`open`] and [`wait_for_doors`].
pub async fn notify_and_flag_doors() -> Vec<tokio::time::Instant> {
    let doors = Arc::new(Doors::default());
    let fans = [("Ada", secs(0)), ("Ben", millis(500)), ("Cleo", secs(1)), ("Dev", secs(3))].map(|(name, at)| {
        let doors = Arc::clone(&doors);
        fan(name, at, async move { wait_for_doors(&doors.opened, &doors.notify).await })
    });
    tokio::time::sleep(secs(2)).await;
    open_the_doors();
    open(&doors.opened, &doors.notify);
    let mut walked_in = Vec::new();
    for fan in fans {
        walked_in.push(fan.await.expect("a fan panicked"));
    }
    walked_in
}

/// The lost wakeup with `Notify` alone.
pub mod notify_alone {
    use tokio::sync::Notify;

    // ANCHOR: notify_alone
    pub fn set(gun: &Notify) {
        gun.notify_waiters(); // wakes the runners waiting now, and remembers nothing
    }

    pub async fn wait(gun: &Notify) {
        gun.notified().await; // sleeps until the *next* notify_waiters()
    }
    // ANCHOR_END: notify_alone
}

/// Waiting by looking at a flag every 100 ms.
pub async fn poll_every_100ms(fired: &AtomicBool) {
    // ANCHOR: polling
    while !fired.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(100)).await; // look again in 100 ms
    }
    // ANCHOR_END: polling
}

#[cfg(test)]
mod tests {
    use tokio::sync::Semaphore;

    use super::*;
    use workbook::run;
    use workbook::sim::race::Outcome;

    #[test]
    fn a_watch_channel_releases_everyone_and_remembers() {
        let run = run(async {
            let start = tokio::time::Instant::now();
            watch_doors().await.into_iter().map(|at| at - start).collect::<Vec<_>>()
        });
        assert_eq!(run.value, [secs(2), secs(2), secs(2), secs(3)], "Dev walks in the moment he arrives");
        assert_eq!(run.trace.find("staff", "open the doors").unwrap().at, secs(2));
    }

    #[test]
    fn notify_and_a_flag_work_too() {
        let run = run(async {
            let start = tokio::time::Instant::now();
            notify_and_flag_doors().await.into_iter().map(|at| at - start).collect::<Vec<_>>()
        });
        assert_eq!(run.value, [secs(2), secs(2), secs(2), secs(3)]);
    }

    #[test]
    fn notify_waiters_alone_loses_the_wakeup() {
        let run = run(async {
            let gun = Arc::new(Notify::new());
            let runners = [("Ada", secs(0)), ("Dev", secs(3))].map(|(name, at)| {
                let gun = Arc::clone(&gun);
                runner(name, at, async move { notify_alone::wait(&gun).await })
            });
            tokio::time::sleep(secs(2)).await;
            notify_alone::set(&gun);
            finish(runners).await
        });
        assert_eq!(run.value[0].outcome, Outcome::Off);
        assert_eq!(run.value[1].outcome, Outcome::GaveUp, "Dev waits for a shot already fired");
        assert_eq!(run.virtual_elapsed, secs(13));
    }

    #[test]
    fn the_scene_of_the_lost_wakeup_ends_when_the_late_runners_give_up() {
        let picture = SCENES.iter().find(|(n, _)| *n == "ch08::notify_waiters_alone").unwrap().1();
        assert_eq!(picture.took, secs(14));
        assert!(picture.trace.find("runner Dev", "gave up").is_some());
        assert!(picture.trace.find("runner Eve", "gave up").is_some());
        assert!(picture.trace.find("runner Ada", "off").is_some());
    }

    #[test]
    fn notify_one_releases_one_runner() {
        let picture = SCENES.iter().find(|(n, _)| *n == "ch08::notify_one").unwrap().1();
        assert_eq!(picture.trace.find("runner Ada", "off").unwrap().at, secs(2));
        assert!(picture.trace.find("runner Ben", "gave up").is_some());
        assert!(picture.trace.find("runner Cleo", "gave up").is_some());
    }

    #[test]
    fn notify_one_stores_one_permit_for_one_task() {
        let run = run(async {
            let gun = Notify::new();
            gun.notify_one(); // nobody waiting: one permit is stored
            gun.notified().await; // consumes it, at once
            tokio::time::timeout(secs(1), gun.notified()).await.is_err() // the next one waits
        });
        assert!(run.value);
        assert_eq!(run.virtual_elapsed, secs(1));
    }

    #[test]
    fn changed_misses_a_gun_that_already_fired() {
        let run = run(async {
            let gun = watch::Sender::new(false);
            gun.send_replace(true);
            let mut late = gun.subscribe(); // subscribes after the shot: has seen `true`
            let changed = tokio::time::timeout(secs(10), late.changed()).await;
            let wait_for = tokio::time::timeout(secs(10), late.wait_for(|&fired| fired)).await;
            (changed.is_err(), wait_for.is_ok())
        });
        assert_eq!(run.value, (true, true), "changed() sleeps; wait_for() returns at once");
    }

    #[test]
    fn send_without_receivers_stores_nothing() {
        let gun = watch::Sender::new(false);
        assert!(gun.send(true).is_err(), "nobody subscribed: send fails");
        assert!(!*gun.borrow(), "and the value stayed false");
        gun.send_replace(true);
        assert!(*gun.borrow(), "send_replace stores it anyway");
    }

    #[test]
    fn polling_is_late_and_wakes_for_nothing() {
        let run = run(async {
            let fired = Arc::new(AtomicBool::new(false));
            let waiting = Arc::clone(&fired);
            let ada = runner("Ada", secs(0), async move { poll_every_100ms(&waiting).await });
            tokio::time::sleep(millis(2050)).await; // the gun fires between two looks
            race::fire_gun();
            fired.store(true, Ordering::SeqCst);
            ada.await.unwrap()
        });
        assert_eq!(run.value.outcome, Outcome::Off);
        assert_eq!(run.value.ended - run.value.lined_up, millis(2100), "50 ms after the shot");
        assert_eq!(run.value.wakeups_before_gun, 20, "woken ten times a second for nothing");
    }

    #[test]
    fn yield_now_in_a_loop_never_lets_the_clock_move() {
        let run = run(async {
            let fired = Arc::new(AtomicBool::new(false));
            let waiting = Arc::clone(&fired);
            let ada = runner("Ada", secs(0), async move {
                while !waiting.load(Ordering::SeqCst) {
                    tokio::task::yield_now().await;
                }
            });
            ada.await.unwrap()
        });
        assert_eq!(run.value.outcome, Outcome::Restless);
        assert_eq!(run.virtual_elapsed, Duration::ZERO, "the clock never moved");
    }

    #[test]
    #[should_panic]
    fn add_permits_past_the_maximum_panics_the_second_time() {
        let gate = Semaphore::new(0);
        gate.add_permits(Semaphore::MAX_PERMITS);
        gate.add_permits(Semaphore::MAX_PERMITS);
    }

    #[test]
    fn closing_a_semaphore_releases_every_waiter_and_twice_is_harmless() {
        let run = run(async {
            let gate = Arc::new(Semaphore::new(0));
            let waiting = Arc::clone(&gate);
            let ada = runner("Ada", secs(0), async move {
                let _ = waiting.acquire().await; // Err(AcquireError) once closed: "go"
            });
            tokio::time::sleep(secs(2)).await;
            gate.close();
            gate.close();
            let late = gate.acquire().await.is_err();
            (ada.await.unwrap(), late)
        });
        assert_eq!(run.value.0.outcome, Outcome::Off);
        assert_eq!(run.value.0.ended - run.value.0.lined_up, secs(2));
        assert!(run.value.1, "a later acquire() fails at once");
    }
}
