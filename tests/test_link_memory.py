"""What a page remembers of the links it wrote: enough to refuse its own past, never without bound."""

from __future__ import annotations

from playground_app.link_memory import KEPT_WRITTEN, LinkMemory


def test_a_link_the_page_wrote_is_not_loaded_again_and_a_new_one_is():
    memory = LinkMemory()
    memory.wrote("a")
    memory.wrote("b")
    assert not memory.is_new("a") and not memory.is_new("b")
    assert memory.is_new("c")


def test_a_long_session_keeps_only_the_newest_links_it_wrote():
    """Every edit on Build writes a new link: a session of thousands of edits must not keep every one in memory."""
    memory = LinkMemory()
    for number in range(10 * KEPT_WRITTEN):
        memory.wrote(f"link-{number}")
    assert len(memory.written) == KEPT_WRITTEN
    newest = [f"link-{number}" for number in range(9 * KEPT_WRITTEN, 10 * KEPT_WRITTEN)]
    assert not any(memory.is_new(link) for link in newest), "a link the page wrote lately would be loaded again"
