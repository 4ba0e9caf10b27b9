//! grader: expect fail customer_is_woken_by_the_delivery "and then nothing happened"
//! grader: expect fail latest_waker_is_the_one_woken "`Poll::Pending` is a promise"
//! grader: expect fail courier_on_another_thread "nobody woke the customer's task"
//! grader: expect fail deliver_stores_before_it_wakes "deliver() returned without waking the waker that came with that poll"
//! The pickup returns Pending without keeping the waker, and deliver() wakes nobody
//! (the stub's pickup, with a correct Join2).
//! grader: replaces items

/// What the courier and the customer share: one compartment of the locker.
#[derive(Debug)]
struct Locker<T> {
    parcel: Option<T>,
}

/// A new, empty locker compartment, like `loop.create_future()`: a `Courier` to
/// deliver the parcel, and a `Pickup` to await it.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Mutex::new(Locker { parcel: None }));
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`. The customer may
    /// be waiting already, or may come later.
    pub fn deliver(self, parcel: T) {
        let mut locker = self.locker.lock().unwrap();
        locker.parcel = Some(parcel);
    }
}

impl<T> Future for Pickup<T> {
    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<T> {
        let mut locker = self.locker.lock().unwrap();
        match locker.parcel.take() {
            Some(parcel) => Poll::Ready(parcel),
            // Nothing arranges a wake-up: nobody will poll this again.
            None => Poll::Pending,
        }
    }
}
