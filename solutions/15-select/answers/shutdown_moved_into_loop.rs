//! grader: expect compile-error "use of moved value"
//! Writes `_ = shutdown => break` without `&mut`: the receiver moves into the first
//! `select!`, and the next time round the loop it is gone.
//! grader: replaces `_ = &mut shutdown => break,` with `_ = shutdown => break,`
