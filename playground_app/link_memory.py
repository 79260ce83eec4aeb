"""What a page read from and wrote to its own link (``?model=``, ``?lab=``), so it loads only links it did not write."""

from __future__ import annotations

from dataclasses import dataclass, field

# Links written that a page remembers, the newest. A stale rerun carries one the page wrote a moment ago; every
# edit on Build writes a new one, so a long session would otherwise keep thousands.
KEPT_WRITTEN = 64


@dataclass
class LinkMemory:
    """The values of one query parameter that a page has met in this session.

    A page writes its state into its link as the learner works, so that copying the address shares it. A rerun
    may still carry a value the page wrote earlier: under load the browser sends its next rerun before it has
    received the newer link. That value is the page's own past, not a link the learner opened, and loading it
    would throw away their newest change (a layer just added, a training under way).

    Attributes:
        last: The value last read from or written to the link, or None.
        written: The newest ``KEPT_WRITTEN`` values the page wrote, oldest first (a dict used as an ordered set).
    """

    last: str | None = None
    written: dict[str, None] = field(default_factory=dict)

    def is_new(self, param: str | None) -> bool:
        """Whether ``param`` is a link to load: present, and neither the last one nor one the page wrote."""
        return bool(param) and param != self.last and param not in self.written

    def read(self, param: str) -> None:
        """Notes a link the page loaded (or refused)."""
        self.last = param

    def wrote(self, param: str | None) -> None:
        """Notes what the page put in its link (None: it removed it)."""
        self.last = param
        if param:
            self.written.pop(param, None)
            self.written[param] = None
            while len(self.written) > KEPT_WRITTEN:
                del self.written[next(iter(self.written))]
