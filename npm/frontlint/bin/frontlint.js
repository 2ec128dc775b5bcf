#!/usr/bin/env node
// Runs the frontlint binary from the platform package npm installed beside this one
// (`@frontlint/cli-<os>-<arch>`, an optional dependency whose `os` and `cpu` fields match only
// this machine), with the same arguments, standard streams and exit code.
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const manifest = require("../package.json");
const platform = `${process.platform}-${process.arch}`;
const pkg = `@frontlint/cli-${platform}`;
const exe = process.platform === "win32" ? "frontlint.exe" : "frontlint";

function fail(message) {
  process.stderr.write(`frontlint: ${message}\n`);
  process.exit(2);
}

const supported = Object.keys(manifest.optionalDependencies || {});
if (!supported.includes(pkg)) {
  const list = supported.map((p) => p.replace("@frontlint/cli-", "")).join(", ");
  fail(
    `no prebuilt binary for ${platform} (there are: ${list}). ` +
      "Install frontlint with `cargo install --locked frontlint` instead.",
  );
}

let binary;
try {
  binary = require.resolve(`${pkg}/bin/${exe}`);
} catch (e) {
  fail(
    `the package ${pkg}, which holds the frontlint binary for ${platform}, is not installed. ` +
      "npm installs it as an optional dependency of frontlint: reinstall frontlint without " +
      `--no-optional or --omit=optional, or add it with \`npm install ${pkg}@${manifest.version}\`.`,
  );
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  fail(`cannot run ${path.relative(process.cwd(), binary) || binary}: ${result.error.message}`);
}
if (result.signal) {
  // Die of the same signal, so the caller sees what the binary saw.
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
