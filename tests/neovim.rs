//! A real editor: Neovim headless with its built-in LSP client attached to `frontlint server`,
//! opening a file of the demo site; the diagnostics Neovim shows are written to a file and
//! compared with what `frontlint` prints for the same file. Needs `nvim` (0.7 or later;
//! `.ci/run` installs it): without it the test says so and passes, except in CI (`CI` set).

mod common;

use std::path::Path;
use std::process::Command;

const SCRIPT: &str = r#"
local out, file = os.getenv('FL_OUT'), os.getenv('FL_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local got = nil
local id = vim.lsp.start_client({
  cmd = { os.getenv('FL_BIN'), 'server' },
  root_dir = os.getenv('FL_ROOT'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      got = result
    end,
  },
})
vim.lsp.buf_attach_client(0, id)
vim.wait(30000, function() return got ~= nil end, 20)
local rows = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(rows, { code = d.code or (d.user_data and d.user_data.lsp.code),
                       lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
end
local f = io.open(out, 'w')
f:write(vim.fn.json_encode({ received = got ~= nil, shown = rows }))
f:close()
vim.lsp.stop_client(id)
vim.cmd('qa!')
"#;

#[test]
fn neovim_shows_the_diagnostics_of_the_cli() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is not installed (apt-get install neovim)"
        );
        eprintln!("skipped: nvim is not installed");
        return;
    }
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-site");
    // Site-wide and per-file diagnostics, and CJK before some of them on their line (Neovim's
    // columns are bytes; the server sends UTF-16, the CLI counts characters).
    let rel = "content/defects/links.md";
    let text = std::fs::read_to_string(site.join(rel)).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let dir = tempfile::tempdir().unwrap();
    let script = common::write(dir.path(), "test.lua", SCRIPT);
    let out = dir.path().join("out.json");
    let status = Command::new("nvim")
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("FL_OUT", &out)
        .env("FL_FILE", site.join(rel))
        .env("FL_ROOT", &site)
        .env("FL_BIN", env!("CARGO_BIN_EXE_frontlint"))
        .env("FRONTLINT_NOW", "2026-11-28T00:00:00Z")
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .current_dir(&site)
        .status()
        .unwrap();
    assert!(status.success());
    let got: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(got["received"], true);
    let mut shown: Vec<(String, u64, u64, String)> = got["shown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["lnum"].as_u64().unwrap(),
                d["col"].as_u64().unwrap(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    shown.sort();
    let cli = common::run_in(&site, &["--format", "json", "--no-cache", rel]);
    let mut expected: Vec<(String, u64, u64, String)> = common::json(&cli)
        .iter()
        .map(|d| {
            let line = d["line"].as_u64().unwrap() as usize - 1;
            let chars = d["column"].as_u64().unwrap() as usize - 1;
            let byte: usize = lines[line].chars().take(chars).map(char::len_utf8).sum();
            (
                d["rule"].as_str().unwrap().to_string(),
                line as u64,
                byte as u64,
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    expected.sort();
    assert!(expected.len() > 5, "{expected:?}");
    assert!(expected.iter().any(|d| d.0 == "link/broken-relative"));
    assert_eq!(shown, expected);
}
