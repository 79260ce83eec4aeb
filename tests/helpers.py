"""Helpers for browser tests."""


def wait_for_app(tab, timeout: float = 60_000) -> None:
    """Waits until Streamlit has finished the current script run (no 'running' indicator)."""
    tab.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=timeout,
    )
