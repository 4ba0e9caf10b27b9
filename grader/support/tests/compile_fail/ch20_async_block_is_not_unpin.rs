// Polling an async block by hand, without pinning it first: `Pin::new` works only for
// `Unpin` types, and an async block is not one (it may hold references into itself).
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

fn main() {
    let mut parcel = async { "books" };
    let mut cx = Context::from_waker(Waker::noop());
    let _ = Pin::new(&mut parcel).poll(&mut cx);
}
