"""The app frame in a real browser: deep links on a fresh server, and switching language."""

import pytest
from playwright.sync_api import expect

from tests.conftest import serve_app
from tests.helpers import wait_for_app

pytestmark = pytest.mark.browser


def test_a_deep_link_on_a_fresh_server_gets_the_app_frame(page):
    """Opening /draw first on a new server shows the app's navigation and the language toggle."""
    with serve_app("streamlit-fresh-server.log") as url:
        page.goto(f"{url}/draw?lang=ko")
        wait_for_app(page)
        page.get_by_role("radio", name="한국어").wait_for(timeout=60_000)
        navigation = page.locator('[data-testid="stSidebarNav"]')
        # The app's translated navigation, not Streamlit's file-name list (app, build, compare, ...).
        navigation.get_by_text("숫자 그리기").wait_for(timeout=60_000)
        assert navigation.get_by_text("compare", exact=True).count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0


def test_switching_language_redraws_choices_and_keeps_them(page, app_url):
    """After 한국어 is picked, choice widgets show Korean labels and keep what was selected."""
    page.goto(f"{app_url}/train")
    wait_for_app(page)
    page.get_by_text("Iris — flower measurements").first.wait_for(timeout=60_000)
    page.locator('[data-testid="stSidebar"]').get_by_text("한국어").click()
    wait_for_app(page)
    page.get_by_text("학습 방법").first.wait_for(timeout=60_000)
    # The dataset selectbox shows its Korean title, and the model-source radio keeps its choice.
    expect(page.get_by_role("combobox", name="데이터셋")).to_match_aria_snapshot(
        '- combobox "데이터셋": Iris — 붓꽃 측정값', timeout=90_000)
    expect(page.get_by_role("radio", name="강의 노트의 기본 모델")).to_be_checked(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_korean_browser_opens_in_korean_and_a_reload_keeps_the_language_picked(browser, app_url):
    """A learner whose browser speaks Korean meets the app in Korean; one who picks English sees English again after
    a reload (F5) or in the copied link, not the browser's language."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
    try:
        tab = context.new_page()
        tab.goto(app_url)
        wait_for_app(tab, 120_000)
        expect(tab.get_by_role("heading", name="딥러닝 플레이그라운드")).to_be_visible(timeout=60_000)
        tab.locator('[data-testid="stSidebar"]').get_by_text("English").click()
        wait_for_app(tab)
        expect(tab.get_by_role("heading", name="Deep Learning Playground")).to_be_visible(timeout=60_000)
        tab.wait_for_function("() => location.search.includes('lang=en')", timeout=30_000)
        tab.reload()
        wait_for_app(tab, 120_000)
        expect(tab.get_by_role("heading", name="Deep Learning Playground")).to_be_visible(timeout=60_000)
        assert tab.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()


def test_switching_language_on_the_build_page_leaves_no_warning_in_the_servers_terminal(page):
    """A learner who started the app from a terminal saw Streamlit warn there after switching language ("The widget
    with key … was created with a default value but also had its value set via the Session State API")."""
    from tests.conftest import ARTIFACTS

    with serve_app("streamlit-language-server.log") as url:
        page.goto(f"{url}/build")
        wait_for_app(page, 120_000)
        page.get_by_text("Add layer", exact=True).first.wait_for(timeout=60_000)
        page.locator('[data-testid="stSidebar"]').get_by_text("한국어").click()
        wait_for_app(page, 60_000)
        page.get_by_role("radio", name="한국어").wait_for(timeout=60_000)
        expect(page.get_by_role("radio", name="한국어")).to_be_checked(timeout=30_000)
        page.wait_for_timeout(1_000)
        log = (ARTIFACTS / "streamlit-language-server.log").read_text(errors="replace")
    assert "had its value set via the Session State API" not in log, log[-2_000:]
