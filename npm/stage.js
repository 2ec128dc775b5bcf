#!/usr/bin/env node
// Lays out the npm packages for `npm pack` / `npm publish`:
//
//   node npm/stage.js OUT [PLATFORM=BINARY ...]
//
// OUT/frontlint is the launcher (npm/frontlint); OUT/cli-PLATFORM is the platform package for
// each PLATFORM=BINARY given (PLATFORM as in npm/platforms.json, such as linux-x64), with its
// `os` and `cpu` fields set and the binary in bin/. Versions, licence and repository come from
// the launcher's package.json, so the packages cannot disagree.
"use strict";

const fs = require("fs");
const path = require("path");

const here = __dirname;
const [out, ...pairs] = process.argv.slice(2);
if (!out) {
  console.error("usage: node npm/stage.js OUT [PLATFORM=BINARY ...]");
  process.exit(2);
}
const platforms = JSON.parse(fs.readFileSync(path.join(here, "platforms.json"), "utf8"));
const launcher = JSON.parse(fs.readFileSync(path.join(here, "frontlint", "package.json"), "utf8"));

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(path.join(out, "frontlint", "bin"), { recursive: true });
for (const file of ["package.json", "bin/frontlint.js"]) {
  fs.copyFileSync(path.join(here, "frontlint", file), path.join(out, "frontlint", file));
}
fs.chmodSync(path.join(out, "frontlint", "bin", "frontlint.js"), 0o755);
fs.copyFileSync(path.join(here, "..", "README.md"), path.join(out, "frontlint", "README.md"));

for (const pair of pairs) {
  const eq = pair.indexOf("=");
  const platform = pair.slice(0, eq);
  const binary = pair.slice(eq + 1);
  if (eq < 0 || !(platform in platforms)) {
    console.error(`unknown platform \`${platform}\` (known: ${Object.keys(platforms).join(", ")})`);
    process.exit(2);
  }
  const [os, cpu] = platform.split("-");
  const name = `@frontlint/cli-${platform}`;
  if (!(name in launcher.optionalDependencies)) {
    console.error(`${name} is not an optional dependency of npm/frontlint/package.json`);
    process.exit(2);
  }
  const exe = os === "win32" ? "frontlint.exe" : "frontlint";
  const dir = path.join(out, `cli-${platform}`);
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  const manifest = {
    name,
    version: launcher.version,
    description: `The frontlint binary for ${platform} (${platforms[platform]})`,
    license: launcher.license,
    repository: launcher.repository,
    os: [os],
    cpu: [cpu],
    files: [`bin/${exe}`],
    preferUnplugged: true,
  };
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
  fs.writeFileSync(
    path.join(dir, "README.md"),
    `# ${name}\n\nThe \`frontlint\` binary for ${platform}. Install \`frontlint\` instead: it ` +
      "picks this package on this platform.\n",
  );
  fs.copyFileSync(binary, path.join(dir, "bin", exe));
  fs.chmodSync(path.join(dir, "bin", exe), 0o755);
}
