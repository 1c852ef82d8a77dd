"""A visitor in a real browser (Debian's Chromium, driven by Playwright), JavaScript on and off;
axe-core checks each page type for WCAG violations."""

from __future__ import annotations

import shutil
import threading

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from werkzeug.serving import make_server

from clicksafe import create_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Nothing listens on the proxy: the browser can reach localhost only, never another host.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",
]
QUICK_EXIT_PATH = "/robots.txt"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("browser") / "db.sqlite"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{database}",
            "QUICK_EXIT_URL": QUICK_EXIT_PATH,
            "DOWNLOAD_DIR": str(database.parent / "downloads"),
        }
    )
    with app.app_context():
        upgrade()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is needed for the browser tests: make browser installs it")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class Visit:
    """A browser tab that records every request and console error while a visitor walks around."""

    def __init__(
        self, browser, base_url: str, javascript: bool, width: int = 1280, site_scripts=True
    ):
        self.base_url = base_url
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 800}
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        if not site_scripts:
            # axe-core is itself a script, so pages that axe checks "without JavaScript" keep the
            # browser's JavaScript on and never load the site's own scripts: the same page a
            # visitor without JavaScript gets.
            self.page.route("**/*.js", lambda route: route.abort())
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("response", self._response)

    def _console(self, message):
        # A 404 page's own status is logged as an error too; failed sub-resources are caught below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def _response(self, response):
        if response.status >= 400 and response.request.resource_type != "document":
            self.errors.append(f"{response.status} {response.url}")

    def close(self):
        self.context.close()
        foreign = [url for url in self.requests if not url.startswith(self.base_url)]
        assert foreign == [], foreign
        assert self.errors == [], self.errors


def axe_violations(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_home_to_kids_guide_switch_language_and_help(browser, live_server, javascript):
    visit = Visit(browser, live_server, javascript)
    page = visit.page
    page.goto(f"{live_server}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Kids' corner").click()
    assert page.url == f"{live_server}/en/kids/"
    page.get_by_role("link", name="Strong passwords").first.click()
    assert page.url.endswith("/en/kids/strong-passwords")
    assert page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="FR").click()
    assert page.url.endswith("/fr/enfants/mots-de-passe-solides")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="Toute l'aide").click()
    assert page.url == f"{live_server}/fr/aide"
    assert page.get_by_role("link", name="Sortie rapide").is_visible()
    visit.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_a_teacher_filters_lessons_opens_one_and_downloads_its_pdf(
    browser, live_server, javascript
):
    visit = Visit(browser, live_server, javascript)
    page = visit.page
    page.goto(f"{live_server}/en/teachers/")
    page.get_by_role("link", name="Find a lesson by age, topic and length").click()
    page.get_by_label("Age of your pupils").select_option("11")
    page.get_by_label("Topic").select_option(label="Scams and phishing")
    page.get_by_label("Curriculum area").select_option(label="Reading media")
    page.get_by_role("button", name="Show lessons").click()
    page.wait_for_url(
        f"{live_server}/en/teachers/lessons/?age=11&topic=scams&duration=&competence=fwb-reading"
    )
    assert page.get_by_role("heading", level=2, name="1 lesson").is_visible()
    page.get_by_role("link", name="Phishing detectives").click()
    page.wait_for_url(f"{live_server}/en/teachers/lessons/phishing-detectives")
    with page.expect_download() as started:
        page.get_by_role("link", name="Lesson plan (PDF)").click()
    download = started.value
    assert download.suggested_filename == "phishing-detectives.pdf"
    first_page = PdfReader(download.path()).pages[0].extract_text()
    assert "Phishing detectives" in first_page and "116 000" in first_page
    visit.close()


PAGE_TYPES = {
    "chooser": "/",
    "home": "/nl/",
    "kids corner": "/fr/enfants/",
    "teens corner": "/en/teens/",
    "teachers corner": "/fr/enseignants/",
    "guide": "/nl/jongeren/nudes-en-sextortion",
    "kids guide": "/fr/enfants/amis-en-ligne",
    "topic": "/en/topics/cyberbullying",
    "topics": "/fr/themes/",
    "help": "/nl/hulp",
    "lessons": "/nl/leerkrachten/lessen/?age=10",
    "lesson": "/en/teachers/lessons/my-image-my-choice",
    "quiz": "/fr/quiz/arnaques-et-hameconnage",
    "privacy": "/en/privacy",
    "apps": "/fr/apps/?age=13",
    "app": "/nl/apps/tiktok",
    "glossary": "/en/glossary",
    "search": "/fr/recherche?q=harcelement",
    "search, nothing found": "/nl/zoeken?q=zebrapad",
    "not found": "/fr/nexiste-pas",
}


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_axe_finds_no_violations_on_any_page_type(browser, live_server, javascript):
    visit = Visit(browser, live_server, javascript=True, site_scripts=javascript)
    found = {}
    for name, path in PAGE_TYPES.items():
        visit.page.goto(live_server + path)
        violations = axe_violations(visit.page)
        if violations:
            found[name] = violations
    visit.close()
    assert found == {}


def test_pages_reflow_at_320_pixels_without_sideways_scrolling(browser, live_server):
    visit = Visit(browser, live_server, javascript=True, width=320)
    for path in PAGE_TYPES.values():
        visit.page.goto(live_server + path)
        width = visit.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)
    visit.close()


def test_help_line_is_visible_without_scrolling_on_a_phone(browser, live_server):
    visit = Visit(browser, live_server, javascript=True, width=360)
    visit.page.set_viewport_size({"width": 360, "height": 640})
    for path in ("/nl/", "/fr/jeunes/", "/en/kids/strong-passwords"):
        visit.page.goto(live_server + path)
        line = visit.page.locator('header a[href="tel:116000"]')
        box = line.bounding_box()
        assert line.is_visible() and box["y"] + box["height"] <= 640, path
    visit.close()


def test_keyboard_only_reaches_skip_link_help_and_corners(browser, live_server):
    visit = Visit(browser, live_server, javascript=True)
    page = visit.page
    page.goto(f"{live_server}/en/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "tel:116000"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Kids":
            break
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server}/en/kids/")
    visit.close()


def test_quick_exit_leaves_and_replaces_the_history_entry(browser, live_server):
    visit = Visit(browser, live_server, javascript=True)
    page = visit.page
    page.goto(f"{live_server}/en/")
    page.goto(f"{live_server}/en/teens/")
    page.keyboard.press("Escape")
    page.wait_for_url(live_server + QUICK_EXIT_PATH)
    page.go_back()
    # The teens' corner was replaced: Back goes to the page before it.
    assert page.url == f"{live_server}/en/"
    visit.close()


def test_quick_exit_is_a_plain_link_without_javascript(browser, live_server):
    visit = Visit(browser, live_server, javascript=False)
    page = visit.page
    page.goto(f"{live_server}/nl/hulp")
    page.get_by_role("link", name="Snel weg").click()
    page.wait_for_url(live_server + QUICK_EXIT_PATH)
    visit.close()


def take_quiz(visit, live_server, path, check_label, next_label, result_label, javascript):
    """Answer every question with its first option; return the explanations seen on the way."""
    page = visit.page
    page.goto(live_server + path)
    page.locator("form.quiz-start button").click()
    seen = []
    found = {}
    while True:
        page.wait_for_selector("form.quiz-question")
        if not found:
            found["question"] = axe_violations(page)
        page.locator(".options label").first.click()
        page.get_by_role("button", name=check_label).click()
        explanation = page.locator(".feedback__explanation p").first
        explanation.wait_for()
        seen.append(explanation.inner_text())
        if javascript:
            assert "/feedback" not in page.url  # checked in place, without a page load
        if len(seen) == 1:
            found["feedback"] = axe_violations(page)
        link = page.locator(".feedback a.button")
        if link.inner_text() == result_label:
            link.click()
            break
        assert link.inner_text() == next_label
        link.click()
    page.wait_for_url("**/result")
    found["result"] = axe_violations(page)
    return seen, {name: v for name, v in found.items() if v}


@pytest.mark.parametrize(
    ("javascript", "path", "labels", "lang"),
    [
        (
            True,
            "/fr/quiz/",
            ("Vérifier ma réponse", "Question suivante", "Voir mon résultat"),
            "fr",
        ),
        (
            False,
            "/nl/quiz/",
            ("Controleer mijn antwoord", "Volgende vraag", "Bekijk mijn resultaat"),
            "nl",
        ),
    ],
    ids=["fr-js-on", "nl-js-off"],
)
def test_a_child_finishes_a_quiz_and_prints_a_certificate(
    browser, live_server, javascript, path, labels, lang
):
    visit = Visit(browser, live_server, javascript=True, site_scripts=javascript)
    page = visit.page
    page.goto(live_server + path)
    page.locator(".card__title a").first.click()
    quiz_path = page.url.removeprefix(live_server)
    seen, violations = take_quiz(visit, live_server, quiz_path, *labels, javascript)
    assert len(seen) >= 8 and all(seen)
    assert violations == {}
    assert page.locator(".score").inner_text()
    page.locator("#name").fill("Noor")
    page.locator(".certificate-form button").click()
    assert page.locator(".certificate__name").inner_text() == "Noor"
    assert page.locator("html").get_attribute("lang") == lang
    assert axe_violations(page) == []
    print_button = page.locator("[data-print]")
    assert print_button.is_visible() == javascript
    visit.close()


def test_search_suggests_as_you_type_and_the_keyboard_picks_one(browser, live_server):
    """The header's box is an ARIA combobox with JavaScript: type, arrow down, Enter."""
    visit = Visit(browser, live_server, javascript=True)
    page = visit.page
    page.goto(live_server + "/en/")
    box = page.locator("#site-search-q")
    box.click()
    box.type("roblox", delay=30)
    options = page.locator("#site-search-suggestions [role=option]")
    options.first.wait_for()
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    first = options.first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert axe_violations(page) == []
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/apps/roblox")
    visit.close()


def test_search_without_javascript_is_a_plain_form(browser, live_server):
    visit = Visit(browser, live_server, javascript=False)
    page = visit.page
    page.goto(live_server + "/nl/")
    page.fill("#site-search-q", "cyberpesen")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/nl/zoeken?q=cyberpesen")
    assert page.locator(".result__title a").first.is_visible()
    assert "cyberpesten" in page.content()  # the typo was corrected, and the page says so
    visit.close()


def test_a_teacher_paced_class_in_three_languages(browser, live_server):
    """A teacher starts a teacher-paced session; three pupils (nl, fr, en) join on their own
    devices and answer while the projector shows the class's numbers."""
    teacher = Visit(browser, live_server, javascript=True)
    page = teacher.page
    page.goto(live_server + "/en/quiz/safe-online-basics")
    page.check("#mode-teacher")
    page.click("form.quiz-class button[type=submit]")
    page.wait_for_url("**/en/class/**")
    code = page.locator(".dashboard__code").inner_text().strip()
    assert len(code) == 6
    assert axe_violations(page) == []
    pupils = []
    for join_path in ("/nl/doe-mee", "/fr/participer", "/en/join"):
        pupil = Visit(browser, live_server, javascript=True)
        pupil.page.goto(f"{live_server}{join_path}?code={code}")
        pupil.page.click(".join-form button[type=submit]")
        pupil.page.wait_for_url(f"**{join_path}/{code}")
        pupils.append(pupil)
    page.click(".projector button[type=submit]")  # show the first question
    for pupil in pupils:
        # The waiting page polls and reloads itself when the teacher opens the question.
        pupil.page.locator("input[name=answer]").first.wait_for(timeout=15_000)
        assert axe_violations(pupil.page) == []
    for pupil, choice in zip(pupils, (0, 0, 1), strict=True):
        pupil.page.locator("input[name=answer]").nth(choice).check()
        pupil.page.click("main form[method=post] button[type=submit]")
        pupil.page.wait_for_load_state()
    page.reload()
    assert "3 answers" in page.locator(".projector").inner_text()
    page.click(".projector button[type=submit]")  # close answering
    page.click(".projector button[type=submit]")  # reveal
    projector = page.locator(".projector").inner_text()
    assert "2 pupils" in projector and "1 pupil" in projector  # two chose the first option
    assert "3 pupils joined" in page.content()
    assert axe_violations(page) == []
    for pupil in pupils:
        pupil.close()
    teacher.close()
