//! grader: expect fail shutdown_delivers_what_was_already_sent "it picks one at random"
//! grader: traces vary "an unbiased select! picks a ready branch at random; the verdict is the same every run"
//! An unbiased `select!` that stops at the shutdown: when messages and the shutdown are
//! ready together, it picks at random, and some rounds lose messages.
//! grader: replaces `Branches are tried in order: messages that are already in the inbox go out` with `Whichever branch is ready first: no need for an order.`
//! grader: replaces `// before a shutdown that arrives with them.` with ``
//! grader: replaces `biased;` with ``
