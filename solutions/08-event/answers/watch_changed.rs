//! grader: expect fail late_runners_start_at_once "waits for the next change and ignores the current value"
//! grader: expect fail gun_before_anyone_lines_up "This is a lost wakeup"
//! grader: expect fail second_gun_is_harmless "ran off only at 2.000s"
//! A watch channel, but `wait()` awaits `changed()`, which waits for the next change:
//! a runner who lines up after the gun never sees it.
//! grader: replaces `let _ = fired.wait_for(|&fired| fired).await;` with `let _ = fired.changed().await;`
