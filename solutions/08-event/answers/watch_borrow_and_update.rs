//! grader: expect pass
//! Another correct answer: a watch channel; `wait()` subscribes first, looks at the
//! value with `borrow_and_update()`, and otherwise awaits `changed()` (which, after
//! that look, waits for a change the receiver has not seen yet).
//! grader: replaces `let _ = fired.wait_for(|&fired| fired).await;` with `if *fired.borrow_and_update() { return; } let _ = fired.changed().await;`
