//! grader: expect fail customer_is_woken_by_the_delivery "nobody woke the customer's task"
//! grader: expect fail latest_waker_is_the_one_woken "nobody woke the customer's task"
//! grader: expect fail courier_on_another_thread "nobody woke the customer's task"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! The pickup waits on a `tokio::sync::Notify`: poll() makes a `notified()` future, polls
//! it once with its `cx`, and drops it when it returns Pending (a `Notified` borrows the
//! `Notify`, so it can't be kept in the `Pickup`). Dropped, it is no longer waiting, so
//! deliver()'s `notify_one()` leaves a permit that nobody polls for, and wakes nobody.
//! grader: replaces items

use tokio::sync::Notify;

/// What the courier and the customer share: one compartment of the locker.
#[derive(Debug)]
struct Locker<T> {
    parcel: Mutex<Option<T>>,
    delivered: Notify,
}

/// A new, empty locker compartment: a `Courier` to deliver, and a `Pickup` to await.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Locker { parcel: Mutex::new(None), delivered: Notify::new() });
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    locker: Arc<Locker<T>>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    locker: Arc<Locker<T>>,
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`.
    pub fn deliver(self, parcel: T) {
        *self.locker.parcel.lock().unwrap() = Some(parcel);
        self.locker.delivered.notify_one();
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let notified = self.locker.delivered.notified();
        let mut notified = std::pin::pin!(notified);
        // Registers as a waiter, with this poll's waker.
        let _ = notified.as_mut().poll(cx);
        match self.locker.parcel.lock().unwrap().take() {
            Some(parcel) => Poll::Ready(parcel),
            None => Poll::Pending,
        }
    }
}
