import { strict as assert } from "assert";
import { test } from "node:test";
import { binaryName, resolveServer } from "../server";

const only = (files: string[]) => (f: string) => files.includes(f);

test("the setting wins, with ~ and workspace-relative paths", () => {
  assert.deepEqual(
    resolveServer("/opt/fl/frontlint", "/usr/bin", "linux", only(["/opt/fl/frontlint", "/usr/bin/frontlint"]), "/home/u", undefined),
    { command: "/opt/fl/frontlint", args: ["server"] },
  );
  assert.deepEqual(
    resolveServer("~/bin/frontlint", "", "linux", only(["/home/u/bin/frontlint"]), "/home/u", undefined),
    { command: "/home/u/bin/frontlint", args: ["server"] },
  );
  assert.deepEqual(
    resolveServer("tools/frontlint", "", "linux", only(["/ws/tools/frontlint"]), "/home/u", "/ws"),
    { command: "/ws/tools/frontlint", args: ["server"] },
  );
});

test("a setting that does not exist is an error, not a fallback", () => {
  const r = resolveServer("/nope/frontlint", "/usr/bin", "linux", only(["/usr/bin/frontlint"]), "/h", undefined);
  assert.ok("error" in r && r.error.includes("/nope/frontlint"));
});

test("falls back to PATH, in order, with the platform's separator and name", () => {
  assert.deepEqual(
    resolveServer("", "/a::/b:/c", "linux", only(["/b/frontlint", "/c/frontlint"]), "/h", undefined),
    { command: "/b/frontlint", args: ["server"] },
  );
  assert.equal(binaryName("win32"), "frontlint.exe");
  assert.deepEqual(
    resolveServer(undefined, "C:\\x;C:\\tools", "win32", only(["C:\\tools\\frontlint.exe"]), "C:\\h", undefined),
    { command: "C:\\tools\\frontlint.exe", args: ["server"] },
  );
});

test("nothing found says how to install", () => {
  const r = resolveServer("", "/usr/bin", "linux", only([]), "/h", undefined);
  assert.ok("error" in r && r.error.includes("frontlint.path"));
});
