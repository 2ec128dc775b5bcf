"""frontlint server through pytest-lsp (a real LSP client library, pygls): run by
scripts/test-lsp-client.sh with FRONTLINT_BIN set to the binary."""

import json
import os
import pathlib
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

BIN = os.environ.get("FRONTLINT_BIN", "frontlint")
NOW = "2026-11-28T00:00:00Z"
SITE = pathlib.Path(__file__).resolve().parents[2] / "fixtures" / "demo-site"
LINKS = SITE / "content" / "defects" / "links.md"
os.environ["FRONTLINT_NOW"] = NOW
pytestmark = pytest.mark.asyncio


def cli(rel):
    out = subprocess.run(
        [BIN, "--format", "json", "--no-cache", rel],
        cwd=SITE, capture_output=True, check=False, env=dict(os.environ, FRONTLINT_NOW=NOW),
    )
    return json.loads(out.stdout)


def units(line, chars, enc):
    prefix = line[:chars]
    if enc == "utf-8":
        return len(prefix.encode())
    return len(prefix.encode("utf-16-le")) // 2


async def open_and_wait(client, path):
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="markdown", version=1, text=path.read_text()
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=os.environ.get("FRONTLINT_SERVER_CMD", BIN + " server").split()), params=["visual-studio-code", "neovim"])
async def client(request, lsp_client: LanguageClient):
    capabilities = client_capabilities(request.param)
    lsp_client.shows_progress = bool(capabilities.window and capabilities.window.work_done_progress)
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=SITE.as_uri(),
        )
    )
    lsp_client.encoding = result.capabilities.position_encoding
    # VS Code offers no choice (UTF-16); Neovim offers UTF-8 first.
    assert lsp_client.encoding == {"visual-studio-code": "utf-16", "neovim": "utf-8"}[request.param]
    yield
    await lsp_client.shutdown_session()


async def test_diagnostics_match_the_cli(client: LanguageClient):
    enc = client.encoding
    assert enc in ("utf-8", "utf-16")
    got = await open_and_wait(client, LINKS)
    lines = LINKS.read_text().split("\n")
    expected = sorted(
        (d["rule"], d["line"] - 1, units(lines[d["line"] - 1], d["column"] - 1, enc), d["message"])
        for d in cli("content/defects/links.md")
    )
    shown = sorted(
        (d.code, d.range.start.line, d.range.start.character, d.message.split("\n")[0]) for d in got
    )
    assert len(expected) > 5
    assert shown == expected
    broken = [d for d in got if d.code == "link/broken-relative"]
    assert broken and broken[0].code_description.href.endswith("docs/rules/link/broken-relative.md")
    # The site was indexed in the background, with progress shown to clients that show it,
    # before the diagnostics (which need the whole site) were published.
    reports = [r for r in client.progress_reports.values() if r]
    if client.shows_progress:
        assert len(reports) == 1, reports
        begin, end = reports[0][0], reports[0][-1]
        assert isinstance(begin, types.WorkDoneProgressBegin) and "reading the site" in begin.message
        assert isinstance(end, types.WorkDoneProgressEnd) and end.message.endswith(" pages")
    else:
        assert reports == []


async def test_fix_all_and_hover(client: LanguageClient):
    path = SITE / "content" / "defects" / "duplicate-key.md"
    await open_and_wait(client, path)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=30, character=0)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    titles = [a.title for a in actions]
    assert "Suppress `syntax/duplicate-key` for this line" in titles
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            position=types.Position(line=1, character=1),
        )
    )
    assert hover is not None and "`title`" in hover.contents.value
