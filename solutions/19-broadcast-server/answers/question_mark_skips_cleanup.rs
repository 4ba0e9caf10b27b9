//! grader: expect fail leaving_clients_are_counted_out "If that error went up with `?`"
//! Two tasks per client, but the handler uses `?` on what the reading loop returns: when a
//! connection breaks, the function returns on the spot and skips counting the client out.
//! grader: replaces `let outcome = listen(lines, &room, &name).await;` with `listen(lines, &room, &name).await?;`
//! grader: replaces `outcome` with `Ok(())`
