//! Chapter 02 · Coroutines and futures: nothing runs until you await.
//!
//! The code the chapter shows, and tests that prove what it says.

use std::future::Future;

use workbook::sim::cafe::{self, Milk, Shot};
use workbook::trace::note;
use workbook::{millis, secs};

use crate::{Picture, Scene};

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[
    ("ch02::espresso_for", || Picture::of(espresso_for("Ada"))),
    ("ch02::milk_awaited_later", || Picture::of(milk_awaited_later())),
    ("ch02::dropped_halfway", || Picture::of(dropped_halfway())),
];

/// The first future: built, then awaited.
pub async fn barista() -> Milk {
    // ANCHOR: barista
    let job = cafe::steam_milk(); // nothing happens: `job` is a future
    let milk = job.await; // the wand runs for 1 s, then we hold the Milk
    println!("{milk:?}");
    // ANCHOR_END: barista
    milk
}

// ANCHOR: nested
async fn make_espresso() -> Shot {
    let grounds = cafe::grind_beans().await; // 0 s → 1 s
    cafe::pull_shot(grounds).await // 1 s → 3 s
}

pub async fn espresso_for(customer: &str) {
    let _shot = make_espresso().await; // both steps above, 3 s
    cafe::call_customer(customer).await; // at 3 s
}
// ANCHOR_END: nested

// ANCHOR: milk_for
fn milk_for(customer: &str) -> impl Future<Output = Milk> {
    note("barista", &format!("milk_for({customer}) called")); // runs when milk_for is called
    async move {
        note("barista", &format!("steaming for {customer}")); // runs when the future is awaited
        cafe::steam_milk().await
    }
}
// ANCHOR_END: milk_for

/// Calls `milk_for` at 0 s, awaits its future at 2 s.
pub async fn milk_awaited_later() -> Milk {
    // ANCHOR: awaited_later
    let milk = milk_for("Ada"); // at 0 s
    tokio::time::sleep(secs(2)).await;
    milk.await // at 2 s
    // ANCHOR_END: awaited_later
}

/// `async fn` is shorthand for a plain fn that returns an `async move` block.
pub mod sugar {
    use super::*;

    // ANCHOR: async_fn
    pub async fn milk_for(customer: &str) -> Milk {
        note("barista", &format!("steaming for {customer}"));
        cafe::steam_milk().await
    }
    // ANCHOR_END: async_fn
}

/// The same function, written out.
pub mod desugared {
    use super::*;

    #[allow(clippy::manual_async_fn, reason = "the chapter shows what `async fn` stands for")]
    // ANCHOR: plain_fn
    pub fn milk_for(customer: &str) -> impl Future<Output = Milk> {
        async move {
            note("barista", &format!("steaming for {customer}"));
            cafe::steam_milk().await
        }
    }
    // ANCHOR_END: plain_fn
}

/// `let _ =` and `let _call =`: neither runs the future.
#[allow(clippy::let_underscore_future, reason = "the chapter shows what `let _ =` does to a future")]
pub async fn silenced(customer: &str) {
    // ANCHOR: silenced
    let _ = cafe::call_customer(customer); // dropped here, unrun
    let _call = cafe::call_customer(customer); // kept until the end of the scope, never run
    // ANCHOR_END: silenced
}

/// A future dropped half-way: `timeout` drops the steaming at 0.5 s.
pub async fn dropped_halfway() {
    // ANCHOR: dropped_halfway
    let outcome = tokio::time::timeout(millis(500), cafe::steam_milk()).await;
    assert!(outcome.is_err()); // at 0.5 s the steaming is dropped, mid-wait
    // ANCHOR_END: dropped_halfway
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::assert_times;
    use workbook::run;

    #[test]
    fn the_barista_steams_only_when_awaited() {
        assert_times(&run(barista()), secs(1), &[("steam wand", "start", secs(0))]);
    }

    #[test]
    fn a_future_that_is_never_awaited_does_nothing() {
        let run = run(async {
            let job = cafe::steam_milk();
            drop(job);
        });
        assert!(run.trace.events().is_empty(), "{}", run.trace.table());
    }

    #[test]
    fn nested_awaits_add_up() {
        assert_times(
            &run(espresso_for("Ada")),
            secs(3),
            &[("espresso machine", "start", secs(1)), ("counter", "called Ada", secs(3))],
        );
    }

    #[test]
    fn a_plain_fn_runs_its_own_lines_at_once_and_its_block_later() {
        let run = run(milk_awaited_later());
        assert_eq!(run.trace.find("barista", "milk_for(Ada) called").unwrap().at, secs(0));
        assert_eq!(run.trace.find("barista", "steaming for Ada").unwrap().at, secs(2));
        assert_eq!(run.trace.find("steam wand", "start").unwrap().at, secs(2));
        assert_eq!(run.virtual_elapsed, secs(3));
    }

    #[test]
    fn dropped_unawaited_only_the_lines_before_the_block_ran() {
        let run = run(async { drop(milk_for("Bob")) });
        assert!(run.trace.find("barista", "milk_for(Bob) called").is_some());
        assert!(run.trace.find("barista", "steaming").is_none());
        assert!(run.trace.find("steam wand", "").is_none());
    }

    #[test]
    fn async_fn_and_its_written_out_form_behave_alike() {
        for dropped in [true, false] {
            let sugar = run(async move {
                let job = sugar::milk_for("Ada");
                if !dropped {
                    job.await;
                }
            });
            let desugared = run(async move {
                let job = desugared::milk_for("Ada");
                if !dropped {
                    job.await;
                }
            });
            assert_eq!(sugar.trace.table(), desugared.trace.table());
            assert_eq!(sugar.virtual_elapsed, desugared.virtual_elapsed);
            assert_eq!(sugar.trace.events().is_empty(), dropped);
        }
    }

    #[test]
    fn let_underscore_calls_nobody() {
        let run = run(silenced("Ada"));
        assert!(run.trace.find("counter", "").is_none(), "{}", run.trace.table());
        let awaited = workbook::run(cafe::call_customer("Ada"));
        assert!(awaited.trace.find("counter", "called Ada").is_some());
    }

    #[test]
    fn a_future_dropped_half_way_stops_at_its_await() {
        let run = run(dropped_halfway());
        let dropped = run.trace.find("steam wand", "dropped").expect("the steaming is dropped");
        assert_eq!(dropped.at, millis(500));
        assert!(run.trace.find("steam wand", "milk ready").is_none());
    }

    #[test]
    fn milk_built_first_still_steams_when_awaited() {
        // Check yourself, question 2.
        let run = run(async {
            let ticket = cafe::write_ticket("Ada", "latte");
            let milk = cafe::steam_milk();
            let grounds = cafe::grind_beans().await;
            let shot = cafe::pull_shot(grounds).await;
            cafe::pour_latte(&ticket, shot, milk.await)
        });
        assert_times(&run, secs(4), &[("steam wand", "start", secs(3))]);
    }
}
