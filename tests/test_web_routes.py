"""The web application's routes (issue 18) with Starlette's test client: every page, the language, bad uploads,
CSRF, unknown and expired links, the sweep, and a worker that crashes. PDFs are off: LibreOffice is slow and
optional (the one PDF test is skipped without it)."""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from sedp_core.web import WebSettings, create_app
from sedp_core.web import jobs as web_jobs

ROOT = Path(__file__).resolve().parents[1]
BAG = ROOT / "examples" / "mongolia_onhs" / "shaamar_bag2_2026_2031.yaml"  # one document in two languages: fast
KYRGYZ = re.compile(r"[өүңӨҮҢ]")


def _crash_marked(folder: str, name: str, pdf: bool) -> dict:
    """A render job that kills its worker for a workspace holding a file `crash-me`, else renders."""
    if (Path(folder) / "crash-me").exists():
        os._exit(1)
    return web_jobs.render_job(folder, name, pdf)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspaces")


@pytest.fixture(scope="module")
def client(root: Path) -> Iterator[TestClient]:
    app = create_app(WebSettings(workspace_root=root, pdf=False, workers=2, ttl_seconds=3600))
    with TestClient(app) as c:
        yield c


def workspaces(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir()]


def csrf(client: TestClient, lang: str = "en") -> str:
    page = client.get(f"/?lang={lang}")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]


def upload(client: TestClient, name: str, data: bytes, lang: str = "en", url: str = "/upload"):
    token = csrf(client, lang)
    return client.post(url, data={"csrf_token": token}, files={"file": (name, data)}, follow_redirects=False)


def valid_workspace(client: TestClient) -> str:
    r = upload(client, "shaamar.yaml", BAG.read_bytes())
    assert r.status_code == 303, r.text
    return r.headers["location"]


def wait_for_documents(client: TestClient, link: str) -> str:
    for _ in range(240):
        page = client.get(link + "documents")
        if 'data-state="running"' not in page.text:
            return page.text
        time.sleep(0.25)
    raise AssertionError("rendering did not finish")


# --- pages and language ---------------------------------------------------------------------------------------

def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.text == "ok"


@pytest.mark.parametrize(("lang", "word"), [("ky", "Файлды текшерүү"), ("ru", "Проверить файл"),
                                            ("mn", "Файлыг шалгах"), ("en", "Check my file")])
def test_home_in_each_language_with_its_forms(client: TestClient, lang: str, word: str) -> None:
    r = client.get(f"/?lang={lang}")
    assert r.status_code == 200
    assert f'<html lang="{lang}">' in r.text and word in r.text
    for needle in ('<form id="choose" method="get" action="/"', 'id="methodology"', 'name="lang" id="lang"',
                   '<form id="upload" method="post" action="/upload" enctype="multipart/form-data"',
                   'type="file" name="file" id="file"', 'name="csrf_token"', 'id="upload-submit"',
                   'class="download-workbook button" href="/methodologies/kg.aa/workbook.xlsx?lang=',
                   'class="download-sample" href="/methodologies/mn.onhs/sample.yaml"',
                   'class="download-survey" href="/methodologies/mn.onhs/survey.xlsx?lang='):
        assert needle in r.text, needle
    assert r.cookies.get("sedp_lang") == lang or client.cookies.get("sedp_lang") == lang


@pytest.mark.parametrize("lang", ["mn", "ky"])
def test_home_offers_first_a_methodology_in_the_page_s_language(client: TestClient, lang: str) -> None:
    from sedp_core.registry.collect import get_registry

    page = client.get(f"/?lang={lang}").text
    chosen = re.search(r'<option value="([^"]+)" selected>', page).group(1)
    assert lang in get_registry().methodology(chosen, None).languages
    assert client.get(f"/?lang={lang}&methodology=kg.aa").text.count('<option value="kg.aa" selected>') == 1


@pytest.mark.parametrize(("lang", "button", "none"), [("ky", "Файлды тандоо", "Файл азырынча тандалган жок"),
                                                      ("ru", "Выбрать файл", "Файл пока не выбран"),
                                                      ("mn", "Файл сонгох", "Файл хараахан сонгоогүй байна")])
def test_the_file_button_is_the_page_s_own_in_its_language(client: TestClient, lang: str, button: str,
                                                           none: str) -> None:
    # The browser's file button speaks the browser's language ("Choose File"); the page draws its own.
    r = client.get(f"/?lang={lang}")
    assert f'<label for="file" class="button secondary" aria-hidden="true">{button}</label>' in r.text
    assert f'<span id="file-name" class="note" data-none="{none}">{none}</span>' in r.text
    assert '<script src="/static/sedp.js" defer></script>' in r.text
    script = client.get("/static/sedp.js")
    assert script.status_code == 200 and "file-name" not in script.text and "-name" in script.text


def test_language_is_remembered_then_taken_from_the_browser() -> None:
    app = create_app(WebSettings(pdf=False, workers=1))  # and its own temporary folder, gone at shutdown
    own = app.state.pages.store.root
    with TestClient(app) as c:
        assert '<html lang="en">' in c.get("/").text
        assert '<html lang="ru">' in c.get("/", headers={"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}).text
        assert '<html lang="mn">' in c.get("/", headers={"accept-language": "de, mn;q=0.8"}).text
        c.get("/?lang=ky")
        page = c.get("/", headers={"accept-language": "ru"})  # the cookie wins over the browser's language
        assert '<html lang="ky">' in page.text and KYRGYZ.search(page.text)
    assert not own.exists()


def test_chosen_methodology_comes_first(client: TestClient) -> None:
    page = client.get("/?methodology=mn.bag-program&lang=mn").text
    step1 = page[page.index('id="step-1"'):page.index('id="step-2"')]
    assert 'data-methodology="mn.bag-program"' in step1
    assert "download-survey" not in step1  # that methodology has no survey list: no link that would fail


def test_downloads_are_the_commands_files(client: TestClient) -> None:
    from openpyxl import load_workbook

    from sedp_core.exchange.excel import workbook_bytes
    from sedp_core.registry.collect import get_registry

    r = client.get("/methodologies/kg.aa/workbook.xlsx?lang=ru")
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    m = get_registry().methodology("kg.aa", None)
    ours = load_workbook(io.BytesIO(r.content))
    theirs = load_workbook(io.BytesIO(workbook_bytes(m, "ru")))
    assert ours.sheetnames == theirs.sheetnames
    assert [c.value for c in ours.worksheets[1][1]] == [c.value for c in theirs.worksheets[1][1]]
    sample = client.get("/methodologies/kg.aa/sample.yaml")
    assert sample.status_code == 200 and sample.content == Path(m.sample).read_bytes()
    survey = client.get("/methodologies/mn.onhs/survey.xlsx?lang=mn")
    assert survey.status_code == 200 and "survey" in load_workbook(io.BytesIO(survey.content)).sheetnames


@pytest.mark.parametrize("url", ["/methodologies/xx.none/workbook.xlsx", "/methodologies/xx.none/sample.yaml",
                                 "/methodologies/mn.bag-program/survey.xlsx", "/no/such/page"])
def test_unknown_methodology_or_page_is_a_404_page(client: TestClient, url: str) -> None:
    r = client.get(url + "?lang=mn")
    assert r.status_code == 404 and '<html lang="mn">' in r.text and 'id="error"' in r.text


# --- the report ---------------------------------------------------------------------------------------------

def test_workbook_with_errors_gives_the_report_by_sheet_and_row(client: TestClient, root: Path) -> None:
    from sedp_core.exchange.excel import sheet_names, workbook_bytes
    from sedp_core.exchange.tabular import build_layout
    from sedp_core.registry.collect import get_registry

    methodology = get_registry().methodology("kg.aa", None)
    empty = workbook_bytes(methodology, "ky")
    program = sheet_names(build_layout(methodology.model), "ky", methodology.labels)["program"]  # Программа
    r = upload(client, "aimak.xlsx", empty, lang="ky")
    assert r.status_code == 303 and re.fullmatch(r"/w/[A-Za-z0-9_-]{43}/", r.headers["location"])
    page = client.get(r.headers["location"]).text
    summary = re.search(r'<div id="summary" data-errors="(\d+)" data-warnings="(\d+)"', page)
    assert int(summary[1]) > 0
    assert f'<section class="group" data-group="{program}!3">' in page
    assert re.search(rf'<tr class="finding error" data-code="schema.missing">\s*<td class="location">.*{program}!C3',
                     page)
    assert 'id="render"' not in page  # nothing to render while there are errors
    assert f'action="{r.headers["location"]}upload"' in page  # send the corrected file
    messages = re.findall(r'<td class="message">(.*?)</td>', page)
    assert messages and all(KYRGYZ.search(m) or re.search(r"[а-я]", m) for m in messages[:5])
    for group in re.findall(r'<section class="group".*?</section>', page, re.S):
        kinds = re.findall(r'<tr class="finding (error|warning)"', group)
        assert kinds == sorted(kinds)  # errors before warnings
    assert 'class="fix"' in page


def test_yaml_with_an_error_is_located_by_line(client: TestClient) -> None:
    text = BAG.read_text(encoding="utf-8").replace("period: {start_year: 2026, end_year: 2031}",
                                                   "period: {start_year: 2026, end_year: 1990}")
    r = upload(client, "bag.yaml", text.encode("utf-8"))
    page = client.get(r.headers["location"]).text
    assert re.search(r'data-group="line \d+"', page)
    assert re.search(r'<td class="location">.*<code>line \d+:\d+</code>', page)


def test_valid_program_renders_and_downloads(client: TestClient) -> None:
    link = valid_workspace(client)
    page = client.get(link).text
    assert 'data-errors="0"' in page and f'<form id="render" method="post" action="{link}render">' in page
    assert client.get(link + "documents", follow_redirects=False).status_code == 303  # nothing started yet
    r = client.post(link + "render", data={"csrf_token": csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == link + "documents"
    done = wait_for_documents(client, link)
    assert 'data-state="done"' in done and '<ul id="documents">' in done
    names = re.findall(r'class="download-docx button" href="([^"]+)"', done)
    assert len(names) == 2  # the bag program in mn and en
    docx = client.get(names[0])
    assert docx.status_code == 200 and zipfile.ZipFile(io.BytesIO(docx.content)).testzip() is None
    assert f'<a id="download-all" class="button" href="{link}all.zip">' in done
    bundle = zipfile.ZipFile(io.BytesIO(client.get(link + "all.zip").content))
    assert sorted(bundle.namelist()) == sorted(n.rsplit("/", 1)[1] for n in names)
    assert 'id="no-preview"' in done and "img" not in re.sub(r"<img[^>]*>", "img", done).split('id="documents"')[0]
    # this server was started with PDF off: the page must not claim LibreOffice is missing
    assert "turned off" in done and "not installed" not in done
    status = client.get(link + "status")
    assert status.headers.get("hx-refresh") == "true"
    assert client.get(link + "files/../upload.json").status_code == 404
    assert client.get(link + "files/program.yaml").status_code == 404  # only the documents it made
    assert client.get(link + "preview/program.png").status_code == 404


def test_corrected_upload_replaces_the_file_in_the_same_workspace(client: TestClient, root: Path) -> None:
    text = BAG.read_text(encoding="utf-8").replace("end_year: 2031}", "end_year: 1990}")
    link = upload(client, "bag.yaml", text.encode("utf-8")).headers["location"]
    assert 'data-errors="0"' not in client.get(link).text
    r = upload(client, "bag.yaml", BAG.read_bytes(), url=link + "upload")
    assert r.status_code == 303 and r.headers["location"] == link
    assert 'data-errors="0"' in client.get(link).text
    folder = root / link.split("/")[2]
    assert sorted(p.name for p in folder.iterdir()) == ["created", "program.yaml", "report.json", "upload.json"]


# --- bad uploads --------------------------------------------------------------------------------------------

def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(260):  # 260 MB unzipped, more than the loader's 200 MB limit; 250 kB zipped
                member.write(chunk)
    return out.getvalue()


BAD_UPLOADS = {
    "binary": ("data.yaml", b"\x00\x01\x02garbage\xff\xfe" * 500, 400),
    "zip bomb": ("aimak.xlsx", None, 400),
    "50 MB": ("big.xlsx", b"a" * (50 * 1024 * 1024), 413),
    "wrong extension": ("report.docx", b"PK\x03\x04 not a workbook", 400),
    "old Excel": ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 400),
    "path-like name": ("../../x.yaml", BAG.read_bytes(), 400),
    "docx renamed": ("letter.xlsx", (ROOT / "templates_docx" / "kyrgyz_aa").glob("*.docx").__next__().read_bytes(),
                     400),
    "empty": ("empty.yaml", b"", 400),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS))
def test_bad_upload_is_a_clear_page_in_the_users_language_and_leaves_nothing(client: TestClient, root: Path,
                                                                             case: str) -> None:
    name, data, status = BAD_UPLOADS[case]
    before = workspaces(root)
    r = upload(client, name, _zip_bomb() if data is None else data, lang="ky")
    assert r.status_code == status, r.text
    assert '<html lang="ky">' in r.text
    error = re.search(r'<p id="error"[^>]*>(.*?)</p>', r.text, re.S)[1]
    assert KYRGYZ.search(error) or re.search(r"[а-я]{4}", error), error
    assert workspaces(root) == before
    assert not list(root.glob("*/**/x.yaml")) and not (root.parent / "x.yaml").exists()


def test_a_windows_path_is_reduced_to_its_name(client: TestClient, root: Path) -> None:
    # python-multipart keeps only the part after the last backslash (old browsers sent the whole path)
    link = upload(client, "C:\\Users\\..\\x.yaml", BAG.read_bytes()).headers["location"]
    assert "Check of x.yaml" in client.get(link).text
    assert sorted(p.name for p in (root / link.split("/")[2]).iterdir())[1] == "program.yaml"


def test_no_file_chosen(client: TestClient) -> None:
    r = client.post("/upload?lang=ru", data={"csrf_token": csrf(client, "ru")}, follow_redirects=False)
    assert r.status_code == 400 and "Файл не выбран" in r.text


# --- CSRF and links -----------------------------------------------------------------------------------------

def test_post_without_or_with_a_wrong_csrf_token_is_refused(client: TestClient, root: Path) -> None:
    before = workspaces(root)
    for data in ({}, {"csrf_token": "forged"}):
        r = client.post("/upload", data=data, files={"file": ("x.yaml", BAG.read_bytes())})
        assert r.status_code == 403 and 'id="error"' in r.text
    link = valid_workspace(client)
    assert client.post(link + "render", data={}).status_code == 403
    assert client.post(link + "upload", files={"file": ("x.yaml", BAG.read_bytes())}).status_code == 403
    assert 'data-state' not in client.get(link + "documents", follow_redirects=False).text
    assert len(workspaces(root)) == len(before) + 1


def test_another_browser_cannot_use_this_sessions_token(client: TestClient, root: Path) -> None:
    token = csrf(client)
    with TestClient(client.app) as other:
        other.get("/")
        r = other.post("/upload", data={"csrf_token": token}, files={"file": ("x.yaml", BAG.read_bytes())})
    assert r.status_code == 403


@pytest.mark.parametrize("token", ["A" * 43, "short", "..%2F..%2Fetc"])
def test_unknown_token_is_404(client: TestClient, token: str) -> None:
    for page in ("/", "/documents", "/status", "/all.zip", "/files/x.docx", "/preview/x.png"):
        r = client.get(f"/w/{token}{page}?lang=ru")
        assert r.status_code == 404, page
        assert "Этой страницы нет" in r.text


def test_expired_token_is_404_and_deleted(client: TestClient, root: Path) -> None:
    link = valid_workspace(client)
    folder = root / link.split("/")[2]
    (folder / "created").write_text(str(time.time() - 7200))
    assert client.get(link).status_code == 404
    assert not folder.exists()


def test_sweep_deletes_expired_workspaces_and_shutdown_deletes_the_rest(tmp_path: Path) -> None:
    app = create_app(WebSettings(workspace_root=tmp_path, pdf=False, workers=1, ttl_seconds=600,
                                 sweep_seconds=0.05))
    store = app.state.pages.store
    old, fresh = store.create(), store.create()
    (old.folder / "created").write_text(str(time.time() - 601))
    with TestClient(app):
        for _ in range(100):
            if not old.folder.exists():
                break
            time.sleep(0.05)
        assert not old.folder.exists() and fresh.folder.exists()
    assert not fresh.folder.exists()


# --- workers ------------------------------------------------------------------------------------------------

def test_a_crashing_worker_fails_only_its_own_user(client: TestClient, root: Path) -> None:
    pages = client.app.state.pages
    crashing, other = valid_workspace(client), valid_workspace(client)
    (root / crashing.split("/")[2] / "crash-me").write_text("")
    pages.render_job = _crash_marked
    try:
        token = csrf(client)
        client.post(crashing + "render", data={"csrf_token": token})
        client.post(other + "render", data={"csrf_token": token})
        failed, done = wait_for_documents(client, crashing), wait_for_documents(client, other)
    finally:
        pages.render_job = web_jobs.render_job
    assert 'data-state="failed"' in failed and 'id="error"' in failed
    assert 'data-state="done"' in done and 'class="download-docx' in done
    again = valid_workspace(client)  # the pool was made again: the next user is served
    assert client.get(again).status_code == 200


@pytest.mark.skipif(not web_jobs.pdf_available(), reason="LibreOffice with python3-uno and poppler's pdftoppm are "
                    "not installed: no PDF or first-page picture can be made")
def test_pdf_and_first_page_picture(tmp_path: Path) -> None:
    app = create_app(WebSettings(workspace_root=tmp_path, pdf=True, workers=1))
    with TestClient(app) as c:
        link = valid_workspace(c)
        c.post(link + "render", data={"csrf_token": csrf(c)})
        done = wait_for_documents(c, link)
        assert 'data-state="done"' in done
        pdf = re.search(r'class="download-pdf button secondary" href="([^"]+)"', done)[1]
        assert c.get(pdf).content.startswith(b"%PDF")
        picture = re.search(r'<img class="preview" src="([^"]+)"', done)[1]
        assert c.get(picture).content.startswith(b"\x89PNG")


def test_nothing_left_outside_the_root(root: Path) -> None:
    assert shutil.disk_usage(root)  # the root exists; the workspaces are its only content
    assert all(p.name == ".session-key" or re.fullmatch(r"[A-Za-z0-9_-]{43}", p.name) for p in root.iterdir())


def test_htmx_and_the_stylesheet_are_served_from_the_package(client: TestClient) -> None:
    page = client.get("/").text
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing fetched from the internet
    assert client.get("/static/htmx.min.js").status_code == 200
    assert "Zero-Clause BSD" in client.get("/static/htmx.LICENSE.txt").text
    assert client.get("/static/sedp.css").status_code == 200
    headers = client.get("/").headers
    assert headers["referrer-policy"] == "no-referrer" and "default-src 'self'" in headers["content-security-policy"]
