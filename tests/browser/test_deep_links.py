"""A link straight to a page works on a server nobody has visited yet."""

import pytest

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
