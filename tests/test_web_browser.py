"""The web page in a real browser: Debian's chromium, headless, driven by selenium through
Debian's chromedriver (``/usr/bin/chromedriver`` given to selenium's Service, so Selenium
Manager downloads nothing). Skipped when chromium is not installed; ``.ci/run`` installs it.

The test logs in, uploads a workbook with an error and one without, reads the findings and
downloads the reviewed copy and the plan, moving with the keyboard where a person would
(the skip link, focus on the file field). Screenshots are written to
``NAMNDPLAN_SKARMBILDER`` when set (else the test's temporary folder), to be looked at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLE
from .test_web import server, workbook_with  # noqa: F401 - the live server fixture

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="chromium och chromedriver saknas (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def downloads() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="namndplan-hamtat-") as d:
        yield Path(d)


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="namndplan-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                "--window-size=1280,1000", "--lang=sv-SE", "--force-device-scale-factor=1"):  # fmt: skip
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                           "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(120)
    driver.implicitly_wait(15)  # elements of a page still loading after a form's submit
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("NAMNDPLAN_SKARMBILDER")
    path = Path(where) if where else tmp_path_factory.mktemp("skarmbilder")
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait_for(cond: Any, timeout: float = 60) -> Any:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError("timed out")


def absent(driver: Any, by: str, selector: str) -> bool:
    """No such element on the page as it is now (no implicit wait for one to appear)."""
    driver.implicitly_wait(0)
    try:
        return not driver.find_elements(by, selector)
    finally:
        driver.implicitly_wait(15)


def heading(driver: Any, text: str) -> None:
    """Wait until the page's h1 is ``text`` (a submitted form's next page has loaded)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    def shown() -> bool:
        try:
            return driver.find_element(By.TAG_NAME, "h1").text == text
        except StaleElementReferenceException:  # the old page went away as it was read
            return False

    wait_for(shown, timeout=60)


def settled(driver: Any, timeout: float = 90) -> None:
    """Follow the page's own 'Uppdatera sidan' link until the review is done."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    end = time.monotonic() + timeout
    while True:
        assert time.monotonic() < end, "the review did not finish"
        try:
            if "Granskningen pågår" not in driver.find_element(By.TAG_NAME, "main").text:
                return
            time.sleep(0.5)
            driver.find_element(By.LINK_TEXT, "Uppdatera sidan").click()
        except StaleElementReferenceException:  # the page was being replaced
            time.sleep(0.2)


def test_log_in_upload_read_findings_download(browser: Any, server: str,  # noqa: F811
                                              tmp_path: Path, downloads: Path,
                                              shots: Path) -> None:  # fmt: skip
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    d = browser
    d.get(server)
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    assert d.find_element(By.TAG_NAME, "h1").text == "Logga in"
    assert absent(d, By.CSS_SELECTOR, "input[type=file]")
    # The skip link is the first thing a keyboard reaches, and it shows when focused.
    d.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = d.switch_to.active_element
    assert skip.text == "Hoppa till innehållet" and skip.is_displayed()
    assert skip.rect["y"] >= 0
    d.save_screenshot(str(shots / "1-logga-in-hopplank.png"))

    d.find_element(By.ID, "anvandare").send_keys("anna")
    d.find_element(By.ID, "losenord").send_keys("fel-lösen-000")
    d.find_element(By.CSS_SELECTOR, "form.formular button[type=submit]").click()
    alert = d.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "Fel användarnamn eller lösenord" in alert.text
    d.find_element(By.ID, "losenord").send_keys("anna-lösen-123")
    d.find_element(By.CSS_SELECTOR, "form.formular button[type=submit]").click()
    heading(d, "Granska en arbetsbok")

    # A workbook with an error in Driftsbudget!E5 (and markup in it).
    broken = tmp_path / "socialnamnden-trasig.xlsx"
    broken.write_bytes(workbook_with(tmp_path, {"Driftsbudget!E5": "<b>tio</b>"}))
    field = d.find_element(By.ID, "arbetsbok")
    field.send_keys(str(broken))
    d.execute_script("arguments[0].focus()", field)  # focus as a keyboard user has it
    d.save_screenshot(str(shots / "2-start-fokus-pa-filfalt.png"))
    outline = d.execute_script("return getComputedStyle(arguments[0]).outlineStyle", field)
    assert outline != "none", "no visible focus on the file field"
    field.submit()
    heading(d, "Granskning av socialnamnden-trasig.xlsx")
    settled(d)
    main = d.find_element(By.TAG_NAME, "main").text
    assert "Ej godkänd: 1 fel" in main
    rows = [[c.text for c in r.find_elements(By.CSS_SELECTOR, "th, td")]
            for r in d.find_elements(By.CSS_SELECTOR, "table.fynd tr")]  # fmt: skip
    assert rows[0] == ["Blad", "Cell", "Nivå", "Meddelande", "Gör så här"]
    hit = [r for r in rows if r[:2] == ["Driftsbudget", "E5"]]
    assert hit and hit[0][2] == "Fel" and "<b>tio</b>" in hit[0][3]
    assert absent(d, By.CSS_SELECTOR, "table.fynd b"), "markup from a cell rendered"
    # The verdict is above the table.
    verdict = d.find_element(By.CSS_SELECTOR, ".utslag")
    table = d.find_element(By.CSS_SELECTOR, "table.fynd")
    assert verdict.rect["y"] < table.rect["y"]
    d.save_screenshot(str(shots / "3-granskning-med-fel.png"))
    # A narrow window (a phone, or 400 % zoom): nothing is cut off or overlaps.
    d.set_window_size(400, 1000)
    width = d.execute_script("return document.documentElement.scrollWidth")
    d.save_screenshot(str(shots / "3b-smalt-fonster.png"))
    d.set_window_size(1280, 1000)
    assert width <= 420, f"the page is {width} px wide in a 400 px window"
    d.find_element(By.PARTIAL_LINK_TEXT, "Granskad kopia").click()
    copy = wait_for(lambda: [p for p in downloads.glob("*-granskad.xlsx")])
    assert copy[0].name == "socialnamnden-trasig-granskad.xlsx"

    # The example, without errors: the plan.
    d.find_element(By.LINK_TEXT, "Granska arbetsbok").click()
    heading(d, "Granska en arbetsbok")
    d.find_element(By.ID, "arbetsbok").send_keys(str(EXAMPLE))
    d.find_element(By.ID, "arbetsbok").submit()
    heading(d, f"Granskning av {EXAMPLE.name}")
    settled(d)
    assert d.find_element(By.CSS_SELECTOR, ".utslag").text.startswith("Godkänd.")
    d.save_screenshot(str(shots / "4-granskning-godkand.png"))
    d.find_element(By.PARTIAL_LINK_TEXT, "Word-dokument").click()
    plan = wait_for(lambda: [p for p in downloads.glob("socialnamnden-2024.docx")])
    assert plan[0].read_bytes()[:2] == b"PK"

    # Too big: a Swedish page, HTTP 413, and the way back.
    d.find_element(By.LINK_TEXT, "Granska arbetsbok").click()
    heading(d, "Granska en arbetsbok")
    big = tmp_path / "for-stor.xlsx"
    big.write_bytes(os.urandom(11 * 1024 * 1024))
    d.find_element(By.ID, "arbetsbok").send_keys(str(big))
    d.find_element(By.ID, "arbetsbok").submit()
    heading(d, "Filen är för stor")
    assert "större än 10 MB" in d.find_element(By.CSS_SELECTOR, "[role=alert]").text
    d.save_screenshot(str(shots / "4b-for-stor.png"))

    d.find_element(By.LINK_TEXT, "Granska arbetsbok").click()
    heading(d, "Granska en arbetsbok")
    rows = d.find_elements(By.CSS_SELECTOR, "table.tabell tbody tr")
    assert len(rows) >= 2 and "Godkänd" in rows[0].text
    d.save_screenshot(str(shots / "5-tidigare-uppladdningar.png"))

    # The finance department's board.
    d.find_element(By.CSS_SELECTOR, "form.utloggning button").click()
    heading(d, "Logga in")
    d.find_element(By.ID, "anvandare").send_keys("eko")
    d.find_element(By.ID, "losenord").send_keys("ekonomi-lösen-789")
    d.find_element(By.CSS_SELECTOR, "form.formular button[type=submit]").click()
    heading(d, "Granska en arbetsbok")
    d.find_element(By.LINK_TEXT, "Alla nämnder").click()
    heading(d, "Alla nämnder")
    board = d.find_element(By.TAG_NAME, "table").text
    assert "Socialnämnden" in board and "Ingen uppladdning ännu" in board
    d.save_screenshot(str(shots / "6-alla-namnder.png"))
