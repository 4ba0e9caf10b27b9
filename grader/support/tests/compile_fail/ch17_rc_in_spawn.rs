// The visits of chapter 17, spawned with `tokio::spawn` instead of `spawn_local`: an
// `Rc` is not `Send`, and tokio::spawn may move the task to another thread.
use std::cell::RefCell;
use std::rc::Rc;

use workbook::sim::web;

fn main() {
    let visits = Rc::new(RefCell::new(Vec::new()));
    // ANCHOR: spawn
    for url in ["/a", "/a", "/b"] {
        let visits = Rc::clone(&visits);
        tokio::spawn(async move {
            let page = web::fetch_page(url).await; // `visits` is held across this .await
            visits.borrow_mut().push(url);
            page
        });
    }
    // ANCHOR_END: spawn
}
