//! grader: expect fail critical_sections_never_interleave "the tally is read under one lock and written under another"
//! A `with_tally` helper, like a context manager: each call locks the tally for the
//! closure it is given. One call reads, a second call writes, so the sale's read and
//! write are two critical sections; with no `.await` between them, one thread loses
//! nothing, but on several threads another buyer can take the lock in the gap.
//! grader: replaces items

use std::sync::Mutex;

impl BoxOffice {
    /// Runs `f` on the tally, under its lock (`with lock:` in Python).
    fn with_tally<R>(&self, f: impl FnOnce(&mut Tally) -> R) -> R {
        f(&mut self.tally.lock().unwrap())
    }

    /// How many seats are sold.
    pub async fn sold(&self) -> u32 {
        self.with_tally(|tally| tally.read("box office"))
    }

    /// Looks at the count, records the sale, then pays.
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = self.with_tally(|tally| tally.read(buyer));
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        self.with_tally(|tally| tally.write(buyer, sold + 1));
        Ok(tickets::charge(buyer, sold + 1).await)
    }
}
