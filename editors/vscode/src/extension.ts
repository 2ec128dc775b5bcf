// Starts `frontlint server` for Markdown files (see ./server.ts for which binary).
import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { resolveServer } from "./server";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const setting = vscode.workspace.getConfiguration("frontlint").get<string>("path");
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = resolveServer(setting, process.env.PATH, process.platform, (f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  }, os.homedir(), folder);
  if ("error" in found) {
    void vscode.window.showErrorMessage(found.error);
    return;
  }
  const serverOptions: ServerOptions = { command: found.command, args: found.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{frontlint.toml,.frontlint.toml,*.json,*.md,hugo.*,config.*,_config.yml,mkdocs.yml}",
      ),
    },
  };
  client = new LanguageClient("frontlint", "frontlint", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => void client?.stop() });
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
