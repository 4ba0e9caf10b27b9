//! grader: expect pass
//! Another correct answer: the pickup is a `futures::channel::oneshot::Receiver` polled
//! with the same `cx` (it keeps the waker itself), and the courier its `Sender`; the
//! `Canceled` error (a courier dropped without delivering) can't happen once `deliver`
//! has sent.
//! grader: replaces items

use futures::channel::oneshot;

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    sender: oneshot::Sender<T>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    receiver: oneshot::Receiver<T>,
}

/// A new, empty locker compartment: a `Courier` to deliver, and a `Pickup` to await.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let (sender, receiver) = oneshot::channel();
    (Courier { sender }, Pickup { receiver })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`.
    pub fn deliver(self, parcel: T) {
        // Err only if the pickup is gone: then nobody wants the parcel.
        let _ = self.sender.send(parcel);
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match Pin::new(&mut self.receiver).poll(cx) {
            Poll::Ready(Ok(parcel)) => Poll::Ready(parcel),
            Poll::Ready(Err(oneshot::Canceled)) => panic!("the courier left without delivering"),
            Poll::Pending => Poll::Pending,
        }
    }
}
