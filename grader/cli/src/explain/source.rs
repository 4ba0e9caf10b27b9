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
            for (n, line) in code_lines(text).iter().enumerate() {
                let code = line.trim();
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

/// Each line of `text` with its comments taken out (`//` to the end of the line, and
/// `/* … */` blocks, nested ones included), one entry per line, so line numbers stay
/// the file's. A `//` inside a string or char literal is code.
pub fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = 0usize;
    for line in text.lines() {
        let mut kept = String::new();
        let mut chars = line.chars().peekable();
        let mut in_string = false;
        while let Some(c) = chars.next() {
            if in_block > 0 {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    in_block -= 1;
                } else if c == '/' && chars.peek() == Some(&'*') {
                    chars.next();
                    in_block += 1;
                }
                continue;
            }
            if in_string {
                kept.push(c);
                if c == '\\' {
                    kept.extend(chars.next());
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            match (c, chars.peek()) {
                ('/', Some('/')) => break,
                ('/', Some('*')) => {
                    chars.next();
                    in_block += 1;
                }
                ('"', _) => {
                    in_string = true;
                    kept.push(c);
                }
                // A char literal (`'"'`, `'\\''`), not a lifetime: taken whole.
                ('\'', _) => {
                    kept.push(c);
                    let ahead: Vec<char> = chars.clone().take(3).collect();
                    let literal = match ahead.as_slice() {
                        ['\\', _, '\'', ..] => 3,
                        [_, '\'', ..] => 2,
                        _ => 0,
                    };
                    for _ in 0..literal {
                        kept.extend(chars.next());
                    }
                }
                _ => kept.push(c),
            }
        }
        out.push(kept);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::evidence;

    #[test]
    fn comments_go_line_by_line_and_strings_keep_their_slashes() {
        let lines = super::code_lines("let a = \"http://x\"; // note\n/* one\ntwo */ b();\n");
        assert_eq!(lines, ["let a = \"http://x\"; ", "", " b();"]);
    }

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
