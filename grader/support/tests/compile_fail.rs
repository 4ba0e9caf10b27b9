//! Compile-fail claims, checked with trybuild: the mistakes the workbook says do not
//! compile really don't, with the error the grader explains. The `.stderr` files hold
//! rustc's exact words; regenerate them with `TRYBUILD=overwrite` after a toolchain
//! update changes its wording.

#[test]
fn send_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/compile_fail/*.rs");
}
