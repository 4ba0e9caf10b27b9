//! grader: expect pass
//! `counter_taken_under_one_guard` with a raw string in `give_back` that quotes a call
//! in inner quotes. A text scanner blanked strings from one `"` to the next, so the
//! quoted `self.freed.notify_one()` read as code before the count is lowered, and the
//! answer was told it notifies too early; the parser knows where a raw string ends.
//! grader: based on counter_taken_under_one_guard
//! grader: replaces `*self.running.lock().unwrap() -= 1;` with `let _order = r#"the count first, then "self.freed.notify_one()", never the other way"#; *self.running.lock().unwrap() -= 1;`
