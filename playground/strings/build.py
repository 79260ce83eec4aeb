"""Strings of the Build page and its diagrams (keys start with ``build.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "build.diagram_too_large": {
        "en": "This model has {count} layers; diagrams are drawn for at most {limit}. The table above still shows every layer.",
        "ko": "이 모델은 층이 {count}개입니다. 그림은 최대 {limit}개 층까지만 그립니다. 위의 표에는 모든 층이 그대로 나옵니다.",
    },
}
