//! grader: expect pass
//! A correct answer (the reference's order) whose `wait()` and `set()` quote the racy
//! orders in strings it logs nowhere: the parser never mistakes a string for code.
//! grader: based on notify_and_flag
//! grader: replaces `self.fired.store(true, Ordering::SeqCst);` with `let _ = (NOT_THIS, r#"self.gun.notify_waiters()"#); self.fired.store(true, Ordering::SeqCst);`
//! grader: replaces `let mut notified = pin!(self.gun.notified());` with `let _never = r#"if self.fired.load(Ordering::SeqCst) { return }"#; let mut notified = pin!(self.gun.notified());`

const NOT_THIS: &str = "self.gun.notify_waiters(); self.fired.store(true)";
