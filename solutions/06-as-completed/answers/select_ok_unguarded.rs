//! grader: expect fail none_when_no_page_answers "panic when they are given an empty list"
//! `select_ok` without a guard: it panics when the list of URLs is empty.
//! grader: replaces items

use futures::future::select_ok;

pub async fn first_to_answer(urls: &[&str]) -> Option<Page> {
    let fetches = urls.iter().map(|url| Box::pin(web::fetch_page(url)));
    select_ok(fetches).await.ok().map(|(page, _still_running)| page)
}
