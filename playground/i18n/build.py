"""Strings of the Build page and its diagrams (keys start with ``build.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "build.intro": {
        "en": "Stack Keras layers from top (input) to bottom (output). Shapes and parameter counts are exactly what `model.summary()` says; the link in your address bar always holds the whole model.",
        "ko": "Keras 층을 위(입력)에서 아래(출력)로 쌓으세요. 출력 모양과 파라미터 수는 `model.summary()`가 보여 주는 값과 똑같고, 주소창의 링크에는 언제나 모델 전체가 담겨 있습니다.",
    },
    "build.preset": {"en": "Start from a course-notes model", "ko": "강의 노트의 모델로 시작하기"},
    "build.preset_custom": {
        "en": "Custom model (your own stack) — pick a course-notes model to load it",
        "ko": "직접 만든 모델 — 강의 노트의 모델을 고르면 불러올 수 있습니다",
    },
    "build.load_preset": {"en": "Load", "ko": "불러오기"},
    "build.preset_loaded": {"en": "Loaded “{title}”.", "ko": "“{title}” 모델을 불러왔습니다."},
    "build.stack": {"en": "Layers", "ko": "층 쌓기"},
    "build.input_shape": {"en": "Input shape (one example, without the batch)", "ko": "입력 모양 (배치를 뺀 예시 하나의 모양)"},
    "build.input_shape_help": {
        "en": "Whole numbers separated by commas: 28, 28, 1 for a grayscale image, 28, 28 for MNIST before Flatten, 4 for the four iris measurements.",
        "ko": "쉼표로 구분한 정수: 흑백 이미지는 28, 28, 1, Flatten 앞의 MNIST는 28, 28, 붓꽃의 네 가지 측정값은 4.",
    },
    "build.input_from_layer": {
        "en": "The input shape is set by the InputLayer at the top of the stack.",
        "ko": "입력 모양은 맨 위의 InputLayer에서 정합니다.",
    },
    "build.layer_title": {
        "en": "**{number}. {type}** `{name}` → `{shape}` · {params} params",
        "ko": "**{number}. {type}** `{name}` → `{shape}` · 파라미터 {params}개",
    },
    "build.layer_title_plain": {"en": "**{number}. {type}**", "ko": "**{number}. {type}**"},
    "build.layer_title_error": {"en": ":material/error: **{number}. {type}** — needs a fix", "ko": ":material/error: **{number}. {type}** — 고쳐야 합니다"},
    "build.move_up": {"en": "Move up", "ko": "위로 옮기기"},
    "build.move_down": {"en": "Move down", "ko": "아래로 옮기기"},
    "build.duplicate": {"en": "Duplicate this layer", "ko": "이 층 복제하기"},
    "build.delete": {"en": "Delete this layer", "ko": "이 층 삭제하기"},
    "build.edit": {"en": "Edit arguments", "ko": "인자 편집"},
    "build.new_layer_type": {"en": "Layer type to add", "ko": "추가할 층 종류"},
    "build.add_layer": {"en": "Add layer", "ko": "층 추가"},
    "build.summary": {"en": "Summary (as model.summary())", "ko": "요약 (model.summary()와 같음)"},
    "build.col_layer": {"en": "Layer (type)", "ko": "층 (종류)"},
    "build.col_shape": {"en": "Output shape", "ko": "출력 모양"},
    "build.col_params": {"en": "Param #", "ko": "파라미터 수"},
    "build.explain_hint": {
        "en": "Click a row of the table to see how its parameters are counted.",
        "ko": "표의 행을 누르면 그 층의 파라미터 수를 어떻게 세는지 보여 줍니다.",
    },
    "build.explain_row": {"en": "**{layer}**: {params} parameters{expression}", "ko": "**{layer}**: 파라미터 {params}개{expression}"},
    "build.explain_non_trainable": {
        "en": "of which {count} = {expression} are not trainable",
        "ko": "그중 {count} = {expression}개는 학습되지 않습니다",
    },
    "build.total_params": {"en": "Total params", "ko": "전체 파라미터"},
    # Short labels: the three totals share a third of the results column each.
    "build.trainable_params": {"en": "Trainable params", "ko": "학습 파라미터"},
    "build.non_trainable_params": {"en": "Non-trainable params", "ko": "비학습 파라미터"},
    "build.totals_help": {
        "en": "Trainable parameters are what the optimizer changes. Non-trainable ones are kept by the layer itself (BatchNormalization's moving mean and variance).",
        "ko": "학습 파라미터는 옵티마이저가 바꾸는 값입니다. 비학습 파라미터는 층이 스스로 갱신하는 값입니다(BatchNormalization의 이동 평균과 이동 분산).",
    },
    "build.invalid_stack": {
        "en": "This stack cannot be built yet: fix the layer marked in red (your other layers are kept as they are). The diagrams, code and link come back as soon as it builds.",
        "ko": "이 층 구성은 아직 만들 수 없습니다. 빨간색으로 표시된 층을 고치세요(다른 층은 그대로 남아 있습니다). 모델이 만들어지면 그림, 코드, 링크가 다시 나타납니다.",
    },
    "build.partial_summary": {"en": "The layers before the problem:", "ko": "문제가 생기기 전까지의 층:"},
    "build.diagrams": {"en": "Diagrams (visualkeras)", "ko": "모델 그림 (visualkeras)"},
    "build.drawing": {
        "en": "Building the Keras model and drawing it (the first time also loads TensorFlow)…",
        "ko": "Keras 모델을 만들고 그리는 중입니다(처음에는 TensorFlow도 불러옵니다)…",
    },
    "build.layered_view": {"en": "Layered view", "ko": "층 구조 그림"},
    "build.graph_view": {"en": "Graph view", "ko": "그래프 그림"},
    "build.layered_caption": {
        "en": "Each box is one layer's output: for an image, height and width follow the image size and depth the channels; a vector (Dense) is a bar whose height follows its units. The legend lists every layer with its output dimensions.",
        "ko": "상자 하나가 한 층의 출력입니다. 이미지라면 높이와 너비는 이미지 크기를, 깊이는 채널 수를 나타냅니다. 벡터(Dense)는 유닛 수에 따라 높이가 정해지는 막대입니다. 범례에 모든 층과 출력 크기가 나옵니다.",
    },
    "build.graph_caption": {
        "en": "One row per layer, from the input at the top to the output at the bottom, as in the stack. Circles are the values of a vector (a Dense layer's units: all of them up to 16, then a few, “…” and the last); a bar is an image or a sequence, labelled with its shape.",
        "ko": "층마다 한 줄이며, 층 쌓기와 같이 맨 위가 입력, 맨 아래가 출력입니다. 원은 벡터의 값입니다(Dense 층의 유닛: 16개까지는 모두 그리고, 그보다 많으면 몇 개와 “…”, 마지막 하나만 그립니다). 막대는 이미지나 시퀀스이며 옆에 모양이 적혀 있습니다.",
    },
    "build.graph_input": {"en": "Input", "ko": "입력"},
    "build.graph_units": {"en": "{count} units", "ko": "유닛 {count}개"},
    "build.graph_units_capped": {"en": "… {count} units", "ko": "… 유닛 {count}개"},
    "build.graph_values": {"en": "{count} values", "ko": "값 {count}개"},
    "build.graph_values_capped": {"en": "… {count} values", "ko": "… 값 {count}개"},
    "build.download_png": {"en": "Download PNG", "ko": "PNG 내려받기"},
    "build.diagram_too_large": {
        "en": "This model has {count} layers; diagrams are drawn for at most {limit}. The table above still shows every layer.",
        "ko": "이 모델은 층이 {count}개입니다. 그림은 최대 {limit}개 층까지만 그립니다. 위의 표에는 모든 층이 그대로 나옵니다.",
    },
    "build.train_this": {"en": "Train this model", "ko": "이 모델 학습하기"},
    "build.train_this_help": {
        "en": "Opens the Train page with this model and a dataset that fits its input shape.",
        "ko": "이 모델과 입력 모양에 맞는 데이터셋으로 학습 페이지를 엽니다.",
    },
    "build.show_code": {"en": "Show code (Keras, course-notes style)", "ko": "코드 보기 (강의 노트 스타일 Keras)"},
    "build.download_code": {"en": "Download model.py", "ko": "model.py 내려받기"},
    "build.files": {"en": "Save / load", "ko": "저장 / 불러오기"},
    "build.save_json": {"en": "Save model as JSON", "ko": "모델을 JSON으로 저장"},
    "build.save_needs_valid": {
        "en": "Saving works once the stack builds; you can still load a saved model.",
        "ko": "층 구성이 만들어지면 저장할 수 있습니다. 저장해 둔 모델은 지금도 불러올 수 있습니다.",
    },
    "build.load_json": {"en": "Load a saved model (JSON)", "ko": "저장한 모델 불러오기 (JSON)"},
    "build.load_json_help": {
        "en": "A file saved with “Save model as JSON” (at most {limit} KB; a saved model is a few KB). If it cannot be read, your current stack stays.",
        "ko": "“모델을 JSON으로 저장”으로 만든 파일입니다(최대 {limit}KB, 저장한 모델은 보통 몇 KB입니다). 읽을 수 없으면 지금의 층 구성이 그대로 남습니다.",
    },
    "build.file_loaded": {"en": "Loaded the model from {name}.", "ko": "{name}에서 모델을 불러왔습니다."},
    "build.upload_too_large": {
        "en": "That file is {size} bytes; a saved model is at most {limit}. Your current stack is kept — pick the JSON file saved from this page.",
        "ko": "이 파일은 {size}바이트입니다. 저장한 모델 파일은 최대 {limit}바이트입니다. 지금의 층 구성은 그대로 두었습니다. 이 페이지에서 저장한 JSON 파일을 고르세요.",
    },
    "build.share": {"en": "Share link", "ko": "공유 링크"},
    "build.share_help": {
        "en": "Opening this link shows exactly this model (it is also in your address bar).",
        "ko": "이 링크를 열면 이 모델이 그대로 나타납니다(주소창에도 같은 링크가 있습니다).",
    },
    "build.link_loaded": {"en": "Opened the model from the link.", "ko": "링크에 담긴 모델을 열었습니다."},
    "build.bad_link": {
        "en": "The model in this link could not be opened ({detail}). Your current stack is kept; ask for the link again or copy it whole.",
        "ko": "이 링크의 모델을 열 수 없습니다({detail}). 지금의 층 구성은 그대로 두었습니다. 링크를 다시 받거나 전체를 복사하세요.",
    },
}
