//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! grader: expect fail critical_sections_never_interleave "`buy` makes it afresh on every call"
//! A lock "around the sale", made inside `buy` (a new one on every call), and the seat
//! taken with two `lock()` calls: on one thread nothing gets in, on several it would.
//! grader: based on two_locks_seat_first_std
//! grader: replaces `let sold = ` with `let gate = tokio::sync::Mutex::new(()); let _held = gate.lock().await; let sold = `
