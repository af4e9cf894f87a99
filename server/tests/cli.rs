//! The `cradle-server` binary: help, and adding users from the command line.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cradle-server"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn help_lists_the_commands() {
    let out = run(&["--help"], "");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("serve") && text.contains("user"), "{text}");
}

#[test]
fn user_add_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let add = |email: &str, password: &str| {
        run(
            &[
                "user",
                "add",
                "--email",
                email,
                "--workspace",
                "Little Sprouts",
                "--data-dir",
                data,
            ],
            password,
        )
    };
    let ok = add("owner@brand.com", "a long enough password\n");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("added owner@brand.com (owner)"));
    assert!(dir.path().join("cradle.db").exists());

    let again = add("owner@brand.com", "a long enough password\n");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let short = add("new@brand.com", "short\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));

    let role = run(
        &[
            "user",
            "add",
            "--email",
            "x@y.z",
            "--role",
            "boss",
            "--workspace",
            "W",
            "--data-dir",
            data,
        ],
        "x\n",
    );
    assert!(String::from_utf8_lossy(&role.stderr).contains("owner, editor, viewer or clerk"));
}

#[test]
fn member_token_prints_a_token_signed_for_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let token = |workspace: &str| {
        run(
            &[
                "member",
                "token",
                "--workspace",
                workspace,
                "--member",
                "m-42",
                "--due-date",
                "2026-09-01",
                "--tag",
                "vip",
                "--tag",
                "first-baby",
                "--hours",
                "2",
                "--data-dir",
                data,
            ],
            "",
        )
    };
    let missing = token("Little Sprouts");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no workspace named"));

    let add = run(
        &[
            "user",
            "add",
            "--email",
            "owner@brand.com",
            "--workspace",
            "Little Sprouts",
            "--data-dir",
            data,
        ],
        "a long enough password\n",
    );
    assert!(add.status.success());
    let out = token("Little Sprouts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let claims = cradle_server::club::token::read(&printed).expect("a token");
    assert_eq!(claims.member, "m-42");
    assert_eq!(claims.profile.tags, ["vip", "first-baby"]);
    assert_eq!(claims.profile.due_date.unwrap().to_string(), "2026-09-01");
    let hours = (claims.expires_at - cradle_server::store::now_ms()) as f64 / 3_600_000.0;
    assert!((1.9..=2.0).contains(&hours), "{hours}");
}
