//! The checks of exercise 17. Read them if you like; `grader check` notices edits.
//!
//! The first lesson of this exercise is the compiler's: as long as a spawned task holds
//! something that isn't `Send` across an `.await`, nothing here runs. Once it compiles,
//! these checks make sure the fix kept the program right, and fast.

use std::sync::Arc;

use super::*;
use workbook::secs;

workbook::checks! {
    fn visits_are_counted_side_by_side() {
        let run = workbook::run(async {
            let stats = Arc::new(Stats::default());
            let visits: Vec<_> = ["/a", "/b", "/a"].iter().map(|url| spawn_visit(stats.clone(), url.to_string())).collect();
            for visit in visits {
                visit.await.expect("a visit task panicked");
            }
            (stats.visits("/a"), stats.visits("/b"))
        });
        run.ensure(
            run.value == (2, 1),
            format!("/a was visited twice and /b once, but the stats say /a: {}, /b: {}.", run.value.0, run.value.1),
        );
        if run.virtual_elapsed == secs(3) {
            run.fail(
                "The three visits took 3.000s instead of 1.000s: they took turns. Each task held the \
                 lock while it fetched its page, so the next one could only fetch once the lock was free.\n\
                 A `tokio::sync::Mutex` makes holding a lock across an `.await` compile, but the lock \
                 still serializes everything it covers. The page doesn't need the lock: fetch first, \
                 then lock only to count.",
            );
        }
        run.assert_elapsed(secs(1));
    }

    fn crawl_adds_up_the_pages() {
        let run = workbook::run(async {
            let urls = vec!["/a".to_string(), "/bb".to_string(), "/ccc".to_string()];
            spawn_crawl(urls).await.expect("the crawl task panicked")
        });
        // "<h1>/a</h1>" is 11 bytes, "<h1>/bb</h1>" 12, "<h1>/ccc</h1>" 13.
        run.ensure(
            run.value == 36,
            format!("The three pages hold 11 + 12 + 13 = 36 bytes of body; spawn_crawl returned {}.", run.value),
        );
        // Each link is found on the page before: the fetches are sequential by design.
        run.assert_elapsed(secs(3));
    }
}
