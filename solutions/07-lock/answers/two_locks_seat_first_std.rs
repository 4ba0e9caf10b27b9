//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! Takes the seat before paying, but reads the count under one `lock()` and writes it
//! under a second one: no `.await` in between, so one thread loses nothing, but on a
//! multi-thread runtime another buyer can take the lock in the gap.
//! grader: based on std_lock_released_across_await
//! grader: replaces `let ticket = tickets::charge(buyer, sold + 1).await;` with ``
//! grader: replaces `Ok(ticket)` with `Ok(tickets::charge(buyer, sold + 1).await)`
