// `.await` takes the future by value: it can't be awaited a second time.
use workbook::sim::cafe;

// ANCHOR: awaited_twice
async fn two_jugs() {
    let job = cafe::steam_milk();
    let first = job.await;
    let second = job.await; // the same job again?
    println!("{first:?} {second:?}");
}
// ANCHOR_END: awaited_twice

fn main() {
    drop(two_jugs());
}
