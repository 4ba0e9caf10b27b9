// The unlocked box office: a plain `Tally` field, written through `&self`.
use workbook::sim::tickets::{self, SoldOut, Tally, Ticket};

// ANCHOR: unlocked
pub struct BoxOffice {
    capacity: u32,
    tally: Tally,
}

impl BoxOffice {
    pub async fn buy(&self, buyer: &str) -> Result<Ticket, SoldOut> {
        let sold = self.tally.read(buyer);
        if sold >= self.capacity {
            return Err(SoldOut { buyer: buyer.to_string() });
        }
        let ticket = tickets::charge(buyer, sold + 1).await;
        self.tally.write(buyer, sold + 1);
        Ok(ticket)
    }
}
// ANCHOR_END: unlocked

fn main() {
    let office = BoxOffice { capacity: 3, tally: Tally::new() };
    drop(office.buy("Ada"));
}
