//! Evidence from the learner's code for a lesson that can only list possible causes:
//! a hang, a stuck or spinning runtime, polling. The run shows *what* happened; the
//! lines of the learner's files that match one of the listed causes rank them, so the
//! learner reads "line 14 calls `block_on`", not a list of four guesses.

/// A construct that can cause a lesson, and how to recognise it on a line.
struct Cause {
    /// Text that, on a line of code (comments left out), points at this cause.
    needles: &'static [&'static str],
    /// What it is, for the learner.
    what: &'static str,
}

const BLOCK_ON: Cause = Cause {
    needles: &["block_on(", "blocking_recv(", "blocking_lock(", "blocking_send(", "blocking_read(", "blocking_write("],
    what: "waits synchronously for async work",
};
const STD_LOCK: Cause =
    Cause { needles: &["std::sync::Mutex", "std::sync::RwLock", "Condvar"], what: "a blocking lock" };
const STD_CHANNEL: Cause = Cause {
    needles: &["std::sync::mpsc", "crossbeam", ".join()", ".recv_timeout("],
    what: "a blocking wait for another thread",
};
const THREAD_SLEEP: Cause =
    Cause { needles: &["thread::sleep(", "sleep_ms("], what: "sleeps without letting the runtime run" };
const BLOCKING_CALL: Cause = Cause {
    needles: &["legacy::", "check_file(", "std::fs::", "std::io::stdin", "read_line("],
    what: "a synchronous call that holds the thread",
};
const YIELD: Cause = Cause {
    needles: &["yield_now(", "wake_by_ref()", ".wake()"],
    what: "hands the turn back and is ready again at once",
};
const TRY: Cause = Cause {
    needles: &["try_recv(", "try_lock(", "is_finished(", "try_acquire(", "try_send(", ".load("],
    what: "looks without waiting",
};
const LOOP: Cause = Cause { needles: &["loop {", "while "], what: "a loop" };
const TIMER: Cause = Cause { needles: &["sleep(", "interval(", ".tick()"], what: "a timer" };

/// The causes a lesson lists, picked by the lesson's own words.
fn causes_for(message: &str) -> &'static [Cause] {
    if message.contains("never became idle") || message.contains("kept the runtime's thread busy afterwards") {
        &[YIELD, TRY, LOOP]
    } else if message.contains("kept running code inside one poll") {
        &[LOOP, TRY]
    } else if message.contains("in a `futex` wait") {
        &[BLOCK_ON, STD_LOCK, STD_CHANNEL]
    } else if message.contains("the kernel showed it in a sleep call") || message.starts_with("The runtime was blocked")
    {
        &[THREAD_SLEEP, BLOCKING_CALL, BLOCK_ON]
    } else if message.contains("on blocking I/O") {
        &[BLOCKING_CALL]
    } else if message.contains("waiting by polling") {
        &[TRY, TIMER]
    } else if message.contains("did not finish in") {
        &[BLOCK_ON, STD_LOCK, STD_CHANNEL, THREAD_SLEEP, YIELD, TRY]
    } else {
        &[]
    }
}

/// Lines of `files` (path, text) that match a cause the lesson `message` lists, as a
/// paragraph to append to it; `None` when the lesson lists none or nothing matches.
pub fn evidence(message: &str, files: &[(String, String)]) -> Option<String> {
    let causes = causes_for(message);
    let mut found = Vec::new();
    for cause in causes {
        for (path, text) in files {
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("").trim();
                if !code.is_empty() && cause.needles.iter().any(|needle| code.contains(needle)) {
                    let place = format!("  {path}:{}: ", n + 1);
                    if !found.iter().any(|line: &String| line.starts_with(&place)) {
                        let shown: String = code.chars().take(70).collect();
                        found.push(format!("{place}{shown}   ({})", cause.what));
                    }
                }
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let more = found.len().saturating_sub(6);
    found.truncate(6);
    let mut text = format!("Lines of your code that fit those causes, most likely first:\n{}", found.join("\n"));
    if more > 0 {
        text.push_str(&format!("\n  … and {more} more"));
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::evidence;

    fn file(text: &str) -> Vec<(String, String)> {
        vec![("src/x.rs".to_string(), text.to_string())]
    }

    #[test]
    fn a_futex_wait_points_at_block_on_before_a_lock() {
        let code = "use std::sync::Mutex;\nfn f() {\n    // block_on( in a comment\n    futures::executor::block_on(async {});\n}\n";
        let text = evidence("… (the kernel showed it in a `futex` wait) …", &file(code)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].starts_with("  src/x.rs:4: futures::executor::block_on"), "{text}");
        assert!(!text.contains(":3:"), "comments are not code: {text}");
    }

    #[test]
    fn a_spin_points_at_yield_now() {
        let code = "loop {\n    if done.load(Relaxed) { break }\n    tokio::task::yield_now().await;\n}\n";
        let text = evidence("The runtime never became idle: …", &file(code)).unwrap();
        assert!(text.lines().nth(1).unwrap().contains(":3: tokio::task::yield_now"), "{text}");
    }

    #[test]
    fn lessons_with_one_cause_get_no_list() {
        assert_eq!(evidence("Expected the receipts in order", &file("loop {}\n")), None);
        assert_eq!(evidence("The runtime never became idle", &file("let x = 1;\n")), None);
    }
}
