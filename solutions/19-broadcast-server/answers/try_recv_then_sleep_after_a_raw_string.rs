//! grader: expect fail the_server_awaits_instead_of_polling "waits by polling"
//! Polls like `try_recv_then_sleep.rs`: asks `try_recv()`, sleeps 10 ms when nothing
//! is there, asks again. Each line it passes on has its double quotes turned into single
//! ones, with `line.replace(r#"""#, "'")`. Read as text, that raw string (one `"`
//! between `r#"` and `"#`) looked like an empty string and the start of another one
//! running on over the sleep; parsed, it is one string, and the sleep is code.
//! grader: based on try_recv_then_sleep
//! grader: replaces `on to one client:` with `on to one client, double quotes as single ones:`
//! grader: replaces `Ok(line) => line,` with `Ok(line) => line.replace(r#"""#, "'"),`
