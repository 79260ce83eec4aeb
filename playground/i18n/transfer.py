"""Strings of the transfer-learning page, "Your images" (keys start with ``transfer.``)."""

STRINGS: dict[str, dict[str, str]] = {
    # Errors and skipped files.
    "transfer.error.no_pictures": {
        "en": "No pictures were found. Put each class's pictures in its own folder (cats/, dogs/ — or train/cats/, train/dogs/) and zip the folders.",
        "ko": "사진을 찾지 못했습니다. 클래스마다 폴더(cats/, dogs/ 또는 train/cats/, train/dogs/)를 만들어 사진을 넣고 그 폴더들을 zip으로 묶어 주세요.",
    },
    "transfer.error.one_class": {
        "en": "Only one class was found (\u201c{name}\u201d). A classifier needs at least two: add a folder of pictures of something else.",
        "ko": "클래스가 하나(\u201c{name}\u201d)뿐입니다. 분류기에는 클래스가 두 개 이상 필요합니다. 다른 대상의 사진 폴더를 추가해 주세요.",
    },
    "transfer.error.too_many_classes": {
        "en": "{count} classes were found; this page takes at most {limit}.",
        "ko": "클래스가 {count}개입니다. 이 페이지는 최대 {limit}개까지 다룹니다.",
    },
    "transfer.error.too_few": {
        "en": "Class \u201c{name}\u201d has only {count} pictures; each class needs at least {minimum}. Add pictures (20 or more learn well with a pretrained base).",
        "ko": "클래스 \u201c{name}\u201d의 사진이 {count}장뿐입니다. 클래스마다 최소 {minimum}장이 필요합니다. 사진을 더 추가해 주세요(사전 학습된 베이스라면 20장 이상이면 잘 배웁니다).",
    },
    "transfer.error.duplicate_names": {
        "en": "Two classes have the same name. Give each class its own name.",
        "ko": "두 클래스의 이름이 같습니다. 클래스마다 다른 이름을 붙여 주세요.",
    },
    "transfer.error.needs_download": {
        "en": "{base} needs its ImageNet weights (about {size} MB), downloaded once into the Keras cache. Press \u201cDownload\u201d, or pick the offline base.",
        "ko": "{base}에는 ImageNet 가중치(약 {size} MB)가 필요하며 Keras 캐시에 한 번만 내려받습니다. \u201c내려받기\u201d를 누르거나 오프라인 베이스를 고르세요.",
    },
    "transfer.error.download_failed": {
        "en": "The {base} weights (about {size} MB) could not be downloaded ({detail}). Without the internet, pick the offline base: it ships with the app.",
        "ko": "{base} 가중치(약 {size} MB)를 내려받지 못했습니다({detail}). 인터넷이 없다면 앱에 포함된 오프라인 베이스를 고르세요.",
    },
    "transfer.error.weights_damaged": {
        "en": "The {base} weights file could not be read ({detail}). Delete it from the Keras cache and download it again.",
        "ko": "{base} 가중치 파일을 읽을 수 없습니다({detail}). Keras 캐시에서 지우고 다시 내려받아 주세요.",
    },
    "transfer.error.offline_base_missing": {
        "en": "The offline base is missing ({path}). Re-make it with python -m playground.transfer.base_training.",
        "ko": "오프라인 베이스가 없습니다({path}). python -m playground.transfer.base_training 으로 다시 만드세요.",
    },
    "transfer.skip.no_folder": {"en": "not inside a class folder", "ko": "클래스 폴더 안에 있지 않음"},
    "transfer.skip.class_full": {"en": "the class already has the most pictures taken", "ko": "이 클래스는 이미 최대 장수에 도달함"},
    "transfer.source": {
        "en": "Your pictures: {train} for training, {validation} for validation, resized to {size}×{size}.",
        "ko": "내 사진: 학습 {train}장, 검증 {validation}장, {size}×{size}로 크기 조정.",
    },
}
