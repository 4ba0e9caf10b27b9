//! grader: expect compile-error "`….lock().await` is the guard"
//! Locks tokio's mutex with `lock().unwrap()`, as if it were `std::sync::Mutex`: its
//! `lock()` is async (the solution's `self.tally.lock().await` is the fix).
//! grader: replaces `let mut tally = self.tally.lock().await;` with `let mut tally = self.tally.lock().unwrap();`
