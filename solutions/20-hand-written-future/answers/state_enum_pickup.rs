//! grader: expect pass
//! Another correct answer: the compartment is one enum behind one `Mutex`: empty, a
//! customer waiting (with their waker), a parcel in, or taken. poll() and deliver() each
//! take the lock once and replace the state; Join2 polls `second` before `first`, and
//! keeps each output in place.
//! grader: replaces items

/// One compartment of the locker, as a state.
#[derive(Debug)]
enum Locker<T> {
    Empty,
    Waiting(Waker),
    Full(T),
    Taken,
}

/// The courier's half: delivers one parcel.
#[derive(Debug)]
pub struct Courier<T> {
    locker: Arc<Mutex<Locker<T>>>,
}

/// The customer's half: a future that gives the parcel once it has been delivered.
#[derive(Debug)]
pub struct Pickup<T> {
    locker: Arc<Mutex<Locker<T>>>,
}

/// A new, empty locker compartment: a `Courier` to deliver, and a `Pickup` to await.
pub fn locker<T>() -> (Courier<T>, Pickup<T>) {
    let locker = Arc::new(Mutex::new(Locker::Empty));
    (Courier { locker: Arc::clone(&locker) }, Pickup { locker })
}

impl<T> Courier<T> {
    /// Puts the parcel in the locker, like `fut.set_result(parcel)`.
    pub fn deliver(self, parcel: T) {
        let before = std::mem::replace(&mut *self.locker.lock().unwrap(), Locker::Full(parcel));
        if let Locker::Waiting(waker) = before {
            waker.wake();
        }
    }
}

impl<T> Future for Pickup<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.locker.lock().unwrap();
        match std::mem::replace(&mut *state, Locker::Taken) {
            Locker::Full(parcel) => Poll::Ready(parcel),
            Locker::Taken => panic!("Pickup polled after it gave its parcel"),
            Locker::Empty | Locker::Waiting(_) => {
                *state = Locker::Waiting(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        if this.second_output.is_none()
            && let Poll::Ready(second) = this.second.as_mut().poll(cx)
        {
            this.second_output = Some(second);
        }
        if this.first_output.is_none()
            && let Poll::Ready(first) = this.first.as_mut().poll(cx)
        {
            this.first_output = Some(first);
        }
        match (this.first_output.take(), this.second_output.take()) {
            (Some(first), Some(second)) => Poll::Ready((first, second)),
            (first, second) => {
                this.first_output = first;
                this.second_output = second;
                Poll::Pending
            }
        }
    }
}
