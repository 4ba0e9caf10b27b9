//! grader: expect fail poll_looks_and_registers_under_one_lock "the parcel is looked at under one lock"
//! `waker_behind_its_own_mutex` with other names: the parcel lives in `slot` and the
//! waker in `waiter`, each behind a `Mutex` of its own. poll() takes what is in the slot
//! under one lock, and keeps the waker under the other: a delivery in between wakes
//! nobody.
//! grader: replaces items

/// What the courier and the customer share: one compartment of the locker.
#[derive(Debug)]
struct Locker<T> {
    slot: Mutex<Option<T>>,
    waiter: Mutex<Option<Waker>>,
}

/// A new, empty locker compartment: a `Courier` to deliver, and a `Pickup` to await.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Mutex::new(Locker { slot: Mutex::new(None), waiter: Mutex::new(None) }));
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`.
    pub fn deliver(self, parcel: T) {
        let locker = self.locker.lock().unwrap();
        *locker.slot.lock().unwrap() = Some(parcel);
        let waiter = locker.waiter.lock().unwrap().take();
        drop(locker);
        if let Some(waker) = waiter {
            waker.wake();
        }
    }
}

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let found = self.locker.lock().unwrap().slot.lock().unwrap().take();
        if let Some(item) = found {
            return Poll::Ready(item);
        }
        *self.locker.lock().unwrap().waiter.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}
