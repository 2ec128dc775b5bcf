// Which command starts the server: the `frontlint.path` setting, else `frontlint` on PATH.
// No dependency on VS Code, so `npm test` checks it without an editor.
import * as path from "path";

export interface ServerCommand {
  command: string;
  args: string[];
}

export type Exists = (file: string) => boolean;

/** The binary's name on this platform. */
export function binaryName(platform: string): string {
  return platform === "win32" ? "frontlint.exe" : "frontlint";
}

/**
 * The command that starts `frontlint server`, or an error message. `setting` is
 * `frontlint.path` (a leading `~` is the home folder; a relative path is relative to the first
 * workspace folder); without it, the binary is looked up in `envPath`.
 */
export function resolveServer(
  setting: string | undefined,
  envPath: string | undefined,
  platform: string,
  exists: Exists,
  home: string,
  workspace: string | undefined,
): ServerCommand | { error: string } {
  const sep = platform === "win32" ? ";" : ":";
  const join = platform === "win32" ? path.win32.join : path.posix.join;
  const isAbsolute = platform === "win32" ? path.win32.isAbsolute : path.posix.isAbsolute;
  const configured = (setting ?? "").trim();
  if (configured !== "") {
    let file = configured.startsWith("~") ? join(home, configured.slice(1)) : configured;
    if (!isAbsolute(file) && workspace !== undefined) {
      file = join(workspace, file);
    }
    if (!exists(file)) {
      return { error: `frontlint.path is set to ${configured}, which does not exist` };
    }
    return { command: file, args: ["server"] };
  }
  const name = binaryName(platform);
  for (const dir of (envPath ?? "").split(sep)) {
    if (dir === "") {
      continue;
    }
    const file = join(dir, name);
    if (exists(file)) {
      return { command: file, args: ["server"] };
    }
  }
  return {
    error:
      "frontlint was not found on PATH: install it (cargo install frontlint, pip install frontlint, npm install -g frontlint) or set frontlint.path",
  };
}
