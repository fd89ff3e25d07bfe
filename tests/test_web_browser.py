"""The web page end to end in a real browser (issue 18): Debian's Chromium, headless, driven through Selenium,
against a real `sedp serve` on 127.0.0.1. For one sample of each methodology an officer's whole path: the home page
in the methodology's language, a workbook with a mistake, the located error, the corrected workbook, rendering,
the documents downloaded and opened with python-docx.

Selenium rather than Playwright: Selenium speaks W3C WebDriver to Debian's own `chromium-driver`, which is built
from the same source as `chromium` (always the matching version), and is pure Python; Playwright's Python package
ships a Node.js driver and is built against its own Chromium revision, so the system browser is outside what it
supports. `Service(CHROMEDRIVER)` and `binary_location` name both programs, and SE_OFFLINE keeps Selenium Manager
from downloading anything.

Screenshots of each step go to $SEDP_BROWSER_SHOTS when it is set (to look at them), else to the test's tmp dir.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SOFFICE, docx_text

# Where Debian's chromium and chromium-driver packages put them; scripts/dev.py checks (and installs) the same.
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NO_BROWSER = ("Chromium and its driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver): "
              "`python3 scripts/dev.py test` installs them as root, or `sudo apt-get install chromium chromium-driver`")

# One sample per methodology, in the language its officers read.
SAMPLES = [
    pytest.param("mn.onhs", ROOT / "examples" / "mongolia_onhs" / "zag_2026.yaml", "mn", id="mongolia"),
    pytest.param("kg.aa", ROOT / "examples" / "kyrgyz_aa" / "ak_kyya_2025_2027.yaml", "ky", id="kyrgyz"),
]
# The Kyrgyz run also checks the first-page pictures (they need LibreOffice; one methodology keeps the run short).
PREVIEWS_IN = "kg.aa"
CYRILLIC = re.compile("[А-Яа-яЁёӨөҮүҢң]")
WAIT_PAGE = 120  # seconds: a page of a loaded shared machine
WAIT_RENDER = 900  # seconds: one program's documents while other people use the cores

pytestmark = pytest.mark.skipif(not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()), reason=NO_BROWSER)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sedp() -> list[str]:
    script = Path(sys.executable).with_name("sedp")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sedp_core"]


@contextlib.contextmanager
def serving(log: Path, pdf: bool) -> Iterator[str]:
    """A real `sedp serve` on a free port of 127.0.0.1 (PDFs and pictures on or off), stopped at the end whatever
    happens."""
    import httpx2

    port = _free_port()
    env = {**os.environ, "SEDP_LOAD_PLUGINS": "mongolia_onhs,kyrgyz_aa", "SEDP_WEB_PDF": "1" if pdf else "0"}
    with log.open("wb") as out:
        proc = subprocess.Popen([*_sedp(), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                                stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + WAIT_PAGE
        while True:
            if proc.poll() is not None:
                pytest.fail(f"`sedp serve` exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx2.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"`sedp serve` did not answer /healthz:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[Any]:
    """Headless Debian Chromium with a fresh profile, nothing fetched from the network but our server."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager never looks for or downloads a browser or driver
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 "--window-size=1280,1400", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "safebrowsing.enabled": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_PAGE)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("SEDP_BROWSER_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return Path(folder)
    return tmp_path_factory.mktemp("screenshots")


def _amounts_sheet(methodology_id: str, lang: str) -> str:
    """The name the workbook gives the amounts list: sheets are named in the workbook's language."""
    from sedp_core.exchange.excel import sheet_names
    from sedp_core.exchange.tabular import build_layout
    from sedp_core.registry.collect import get_registry

    methodology = next(m for m in get_registry().methodologies.values() if m.id == methodology_id)
    return sheet_names(build_layout(methodology.model), lang, methodology.labels)["amounts"]


def _workbooks(sample: Path, folder: Path, amounts: str) -> tuple[Path, Path]:
    """The sample exported as a workbook (`sedp excel export`), and a copy with a text in its first amount cell."""
    import openpyxl

    good = folder / f"{sample.stem}.xlsx"
    subprocess.run([*_sedp(), "excel", "export", str(sample), "-o", str(good)], check=True, capture_output=True)
    book = openpyxl.load_workbook(good)
    sheet = book[amounts]
    keys = [cell.value for cell in sheet[2]]  # row 2: the field keys the reader goes by
    column = keys.index("amount") + 1
    sheet.cell(row=3, column=column).value = "many tugriks"
    bad = folder / f"{sample.stem}_mistake.xlsx"
    book.save(bad)
    return good, bad


def _wait(driver: Any, condition: Any, seconds: float = WAIT_PAGE) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page may be replaced between finding an element and reading it (the render page moves on to the
    # results when the job ends): such a read is asked again at the next poll, not a failure.
    return WebDriverWait(driver, seconds, poll_frequency=0.5,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def _upload(driver: Any, workbook: Path) -> None:
    from selenium.webdriver.common.by import By

    old = driver.find_element(By.TAG_NAME, "html")
    form = driver.find_element(By.ID, "upload")
    form.find_element(By.ID, "file").send_keys(str(workbook))
    assert form.find_element(By.ID, "file-name").text == workbook.name  # beside the page's own file button
    form.find_element(By.ID, "upload-submit").click()
    from selenium.webdriver.support import expected_conditions as ec

    _wait(driver, ec.staleness_of(old))
    _wait(driver, ec.presence_of_element_located((By.ID, "summary")))


def _location(row: Any) -> str:
    """The cell of a finding. The app puts the severity's badge into td.location before a <code> with the cell
    (the contract has the cell alone); the <code> is read where it is there."""
    from selenium.webdriver.common.by import By

    cell = row.find_element(By.CSS_SELECTOR, "td.location")
    code = cell.find_elements(By.TAG_NAME, "code")
    return (code[0] if code else cell).text.strip()


@pytest.mark.parametrize(("methodology", "sample", "lang"), SAMPLES)
def test_an_officer_uploads_fixes_renders_and_downloads(
        browser: Any, downloads: Path, shots: Path, tmp_path: Path,
        methodology: str, sample: Path, lang: str) -> None:
    previews = methodology == PREVIEWS_IN and SOFFICE is not None
    with serving(tmp_path / "serve.log", pdf=previews) as server:
        _officer_path(server, browser, downloads, shots, tmp_path, methodology, sample, lang, previews)


def _officer_path(server: str, browser: Any, downloads: Path, shots: Path, tmp_path: Path,
                  methodology: str, sample: Path, lang: str, previews: bool) -> None:
    import httpx2
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    amounts = _amounts_sheet(methodology, lang)
    good, bad = _workbooks(sample, tmp_path, amounts)

    def shot(step: str) -> None:
        driver.save_screenshot(str(shots / f"{methodology}_{step}.png"))

    # The home page in the methodology's language, the methodology chosen.
    driver.get(f"{server}/?lang={lang}")
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    Select(driver.find_element(By.ID, "methodology")).select_by_value(methodology)
    assert Select(driver.find_element(By.ID, "lang")).first_selected_option.get_attribute("value") == lang
    workbook_links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a.download-workbook")]
    assert any(f"/methodologies/{methodology}/workbook.xlsx" in (h or "") for h in workbook_links), workbook_links
    shot("1_home")

    # A workbook with a text in an amount cell: the error is located at its cell, in the officer's language.
    _upload(driver, bad)
    report = driver.current_url
    assert re.search(r"/w/[A-Za-z0-9_-]{40,}/$", report), report
    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang
    summary = driver.find_element(By.ID, "summary")
    assert int(summary.get_attribute("data-errors")) >= 1
    errors = driver.find_elements(By.CSS_SELECTOR, "tr.finding.error")
    located = [row for row in errors if _location(row) == f"{amounts}!C3"]
    assert located, [row.text for row in errors]
    assert located[0].get_attribute("data-code") == "schema.float_parsing"
    assert CYRILLIC.search(located[0].find_element(By.CSS_SELECTOR, "td.message").text), located[0].text
    assert not driver.find_elements(By.ID, "render-submit")  # nothing to render while an error stands
    shot("2_mistake")

    # The corrected workbook, sent from the report page, replaces the mistaken one: no error, the render button.
    # (The app moves it to a new workspace and deletes the old one; the contract says the same token.)
    _upload(driver, good)
    mistaken, report = report, driver.current_url
    assert re.search(r"/w/[A-Za-z0-9_-]{40,}/$", report), report
    assert report == mistaken or httpx2.get(mistaken, timeout=WAIT_PAGE).status_code == 404
    assert driver.find_element(By.ID, "summary").get_attribute("data-errors") == "0"
    assert not driver.find_elements(By.CSS_SELECTOR, "tr.finding.error")
    shot("3_fixed")

    driver.find_element(By.ID, "render-submit").click()
    _wait(driver, lambda d: d.current_url.startswith(report + "documents"))
    _wait(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") in ("done", "failed"),
          WAIT_RENDER)
    state = driver.find_element(By.TAG_NAME, "body").get_attribute("data-state")
    shot("4_documents")
    errors_shown = [p.text for p in driver.find_elements(By.ID, "error")]
    assert state == "done", errors_shown

    # Every document the program plans, each with its download link; all of them as one zip.
    from sedp_core.rendering.render import planned_documents
    from sedp_core.validation.validate import validate_file

    result = validate_file(sample)
    planned = len(planned_documents(result.program, result.methodology))
    items = driver.find_elements(By.CSS_SELECTOR, "#documents li.document")
    assert len(items) == planned, [i.text for i in items]
    docx_links = [i.find_element(By.CSS_SELECTOR, "a.download-docx").get_attribute("href") for i in items]
    if previews:
        pictures = driver.find_elements(By.CSS_SELECTOR, "#documents li.document img.preview")
        assert len(pictures) == planned
        # each picture loaded in the browser (a broken image has no natural width)
        _wait(driver, lambda d: all(d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", p)
                                    for p in pictures))
        driver.execute_script("arguments[0].scrollIntoView()", pictures[0])
        shot("5_previews")

    # The zip through the browser's own download, and each .docx by its link: every one opens with python-docx.
    for old in downloads.iterdir():
        old.unlink()
    driver.find_element(By.ID, "download-all").click()
    _wait(driver, lambda d: [p for p in downloads.iterdir() if p.suffix == ".zip"], WAIT_PAGE)
    _wait(driver, lambda d: not [p for p in downloads.iterdir() if p.suffix == ".crdownload"], WAIT_PAGE)
    archive = next(p for p in downloads.iterdir() if p.suffix == ".zip")
    unpacked = tmp_path / "all"
    with zipfile.ZipFile(archive) as z:
        names = [n for n in z.namelist() if n.endswith(".docx")]
        assert not [n for n in z.namelist() if n.startswith("/") or ".." in n.split("/")]
        z.extractall(unpacked)
    assert len(names) == planned, names
    singles = tmp_path / "single"
    singles.mkdir()
    for no, href in enumerate(docx_links):
        answer = httpx2.get(href, timeout=WAIT_PAGE)
        assert answer.status_code == 200, href
        (singles / f"{no}.docx").write_bytes(answer.content)
    zipped = {(unpacked / n).read_bytes() for n in names}
    assert {p.read_bytes() for p in singles.iterdir()} == zipped  # each link gives one document of the zip
    texts = [docx_text(unpacked / n) for n in names]  # python-docx opens every one
    assert all(len(text.strip()) > 100 for text in texts), names
    assert any(CYRILLIC.search(text) for text in texts)
    shutil.rmtree(unpacked)  # nothing downloaded is left for the next methodology
