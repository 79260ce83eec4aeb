"""Strings shared by the whole app: navigation, sidebar, home page, generic messages."""

STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"en": "Deep Learning Playground", "ko": "딥러닝 플레이그라운드"},
    "app.language": {"en": "Language / 언어", "ko": "언어 / Language"},
    "nav.home": {"en": "Home", "ko": "홈"},
    "nav.build": {"en": "Build", "ko": "모델 만들기"},
    "nav.train": {"en": "Train", "ko": "학습"},
    "nav.convolution": {"en": "Convolution lab", "ko": "합성곱 실험실"},
    "nav.draw": {"en": "Draw", "ko": "숫자 그리기"},
    "nav.compare": {"en": "Compare", "ko": "비교"},
    "nav.boundary": {"en": "Decision boundary", "ko": "결정 경계"},
    "nav.overfitting": {"en": "Overfitting", "ko": "과대적합"},
    "home.tagline": {
        "en": "See what your Keras course notes describe — and touch it. Everything you build here is real Keras.",
        "ko": "Keras 강의 노트가 설명하는 것을 직접 보고 만져 보세요. 여기서 만드는 모든 것은 진짜 Keras입니다.",
    },
    "home.build": {
        "en": "Stack Keras layers, see every output shape and parameter count exactly as `model.summary()` does, draw the model with visualkeras, and export runnable code.",
        "ko": "Keras 층을 쌓고, `model.summary()`와 똑같은 출력 모양과 파라미터 수를 확인하고, visualkeras로 그림을 그리고, 실행 가능한 코드를 내보내세요.",
    },
    "home.train": {
        "en": "Pick a dataset, an activation and an optimizer; watch live loss curves; stop at any time; EarlyStopping, ModelCheckpoint and a confusion matrix.",
        "ko": "데이터셋, 활성화 함수, 옵티마이저를 고르고 실시간 손실 곡선을 보세요. 언제든 멈출 수 있고 EarlyStopping, ModelCheckpoint, 혼동 행렬도 있습니다.",
    },
    "home.convolution": {
        "en": "Animate convolution, stride, padding and pooling on real images, with the arithmetic of every step.",
        "ko": "실제 이미지 위에서 합성곱, 스트라이드, 패딩, 풀링을 단계별 계산과 함께 애니메이션으로 보세요.",
    },
    "home.boundary": {
        "en": "Watch a small network carve the plane: XOR, circles, spirals — and one-click lessons on why depth and features matter.",
        "ko": "작은 신경망이 평면을 나누는 모습을 보세요. XOR, 원, 나선 — 깊이와 특성이 왜 중요한지 한 번에 보여 주는 수업도 있습니다.",
    },
    "home.draw": {
        "en": "Draw a digit and see the prediction — and the 28×28 image the model actually sees.",
        "ko": "숫자를 그리고 예측 결과와 모델이 실제로 보는 28×28 이미지를 확인하세요.",
    },
    "home.compare": {
        "en": "Race optimizers and activations side by side, and watch optimizer paths on 2D loss surfaces.",
        "ko": "옵티마이저와 활성화 함수를 나란히 경주시키고, 2차원 손실 곡면 위의 옵티마이저 경로를 보세요.",
    },
    "home.overfitting": {
        "en": "Watch Dropout, BatchNormalization, global pooling, L2, augmentation and EarlyStopping cure an overfitting model, side by side; preview augmentation and see what Dropout drops.",
        "ko": "드롭아웃, 배치 정규화, 전역 풀링, L2, 데이터 증강, EarlyStopping이 과대적합 모델을 고치는 모습을 나란히 보고, 증강 미리보기와 드롭아웃이 버리는 유닛을 확인하세요.",
    },
    "home.open": {"en": "Open {page}", "ko": "{page} 열기"},
    "home.offline_note": {
        "en": "Works offline: MNIST (5,000 real digits), iris, breast cancer, digits, wine and sample photos ship with the installed packages. Full MNIST, Fashion-MNIST and CIFAR-10 download when the internet is reachable.",
        "ko": "오프라인에서도 동작합니다: MNIST(실제 숫자 5,000개), iris, 유방암, digits, wine 데이터와 샘플 사진이 설치된 패키지에 들어 있습니다. 전체 MNIST, Fashion-MNIST, CIFAR-10은 인터넷에 연결되면 내려받습니다.",
    },
    "common.error_generic": {
        "en": "Something went wrong: {detail}. Your work on this page is kept; try again or change the input.",
        "ko": "문제가 발생했습니다: {detail}. 이 페이지의 작업은 그대로 남아 있습니다. 다시 시도하거나 입력을 바꿔 보세요.",
    },
    "common.image_empty": {
        "en": "The uploaded file is empty. Choose a PNG or JPEG picture.",
        "ko": "올린 파일이 비어 있습니다. PNG 또는 JPEG 이미지를 고르세요.",
    },
    "common.image_too_many_pixels": {
        "en": "This picture is too large ({pixels} megapixels; the limit is {limit}). Crop it or save it smaller.",
        "ko": "이미지가 너무 큽니다({pixels}메가픽셀, 최대 {limit}). 잘라 내거나 더 작게 저장해 주세요.",
    },
    "common.image_not_image": {
        "en": "This file could not be read as a picture ({detail}). Choose a PNG or JPEG picture.",
        "ko": "이 파일을 이미지로 읽을 수 없습니다({detail}). PNG 또는 JPEG 이미지를 고르세요.",
    },
    "common.archive_not_zip": {
        "en": "This file is not a zip archive.",
        "ko": "이 파일은 zip 압축 파일이 아닙니다.",
    },
    "common.archive_damaged": {
        "en": "The archive is incomplete or damaged (an interrupted download or copy?).",
        "ko": "압축 파일이 불완전하거나 손상되었습니다(내려받기나 복사가 중간에 끊겼을 수 있습니다).",
    },
    "common.archive_too_many_entries": {
        "en": "The archive holds {count} files; the limit is {limit}.",
        "ko": "압축 파일에 파일이 {count}개 들어 있습니다. 최대 {limit}개입니다.",
    },
    "common.archive_entry_too_large": {
        "en": "'{name}' in the archive would unpack to {size} MB; the limit is {limit} MB.",
        "ko": "압축 파일 안의 '{name}'을(를) 풀면 {size}MB가 됩니다. 최대 {limit}MB입니다.",
    },
    "common.archive_too_large": {
        "en": "The archive would unpack to more than {size} MB; the limit is {limit} MB.",
        "ko": "압축 파일을 풀면 {size}MB가 넘습니다. 최대 {limit}MB입니다.",
    },
    "common.archive_ratio": {
        "en": "'{name}' is packed {ratio} times smaller than its contents, as only a zip bomb is (real files: under {limit} times).",
        "ko": "'{name}'은(는) 내용보다 {ratio}배 작게 압축되어 있습니다. 이런 압축은 zip 폭탄에서만 나옵니다(실제 파일은 {limit}배 미만).",
    },
    "common.loading_tf": {
        "en": "Loading TensorFlow (a few seconds, the first time)…",
        "ko": "TensorFlow를 불러오는 중입니다(처음 한 번만 몇 초 걸립니다)…",
    },
}
