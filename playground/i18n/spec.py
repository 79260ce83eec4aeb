"""Strings of the model spec (keys start with ``spec.``): validation messages, layer and argument
help, preset titles. Messages name the layer, what it received, and the fix."""

_MESSAGES: dict[str, dict[str, str]] = {
    "spec.layer_label": {"en": "{type} (layer {number})", "ko": "{type} ({number}번째 층)"},
    "spec.layer_label_untyped": {"en": "Layer {number}", "ko": "{number}번째 층"},
    "spec.axis.height": {"en": "height", "ko": "높이"},
    "spec.axis.width": {"en": "width", "ko": "너비"},
    "spec.error.not_a_dict": {
        "en": "A model must be an object with \"input_shape\" and \"layers\", but got {got}. Start from a preset or save a model from the Build page.",
        "ko": "모델은 \"input_shape\"와 \"layers\"를 가진 객체여야 하는데 {got}을(를) 받았습니다. 프리셋에서 시작하거나 Build 페이지에서 저장한 모델을 쓰세요.",
    },
    "spec.error.unknown_top_key": {
        "en": "The model has an unknown entry {entry}; only \"input_shape\" and \"layers\" are allowed. Remove it.",
        "ko": "모델에 알 수 없는 항목 {entry}이(가) 있습니다. \"input_shape\"와 \"layers\"만 쓸 수 있으니 지우세요.",
    },
    "spec.error.layers_not_list": {
        "en": "\"layers\" must be a list of layers, but got {got}. Put the layers in square brackets: [{{\"type\": \"Dense\", \"units\": 10}}].",
        "ko": "\"layers\"는 층의 목록이어야 하는데 {got}을(를) 받았습니다. 층들을 대괄호로 묶으세요: [{{\"type\": \"Dense\", \"units\": 10}}].",
    },
    "spec.error.too_many_layers": {
        "en": "The model has {count} layers; the playground allows at most {maximum}. Remove some layers.",
        "ko": "모델에 층이 {count}개 있습니다. 플레이그라운드는 최대 {maximum}개까지 허용하니 층을 줄이세요.",
    },
    "spec.error.empty": {
        "en": "The model has no layers. Add at least one layer, for example Dense with 10 units.",
        "ko": "모델에 층이 없습니다. 적어도 한 층(예: 유닛 10개짜리 Dense)을 추가하세요.",
    },
    "spec.error.layer_not_dict": {
        "en": "{layer} must be an object with a \"type\", but got {got}. Write it like {{\"type\": \"Dense\", \"units\": 10}}.",
        "ko": "{layer}은(는) \"type\"을 가진 객체여야 하는데 {got}을(를) 받았습니다. {{\"type\": \"Dense\", \"units\": 10}}처럼 쓰세요.",
    },
    "spec.error.missing_type": {
        "en": "{layer} has no \"type\". Set it to one of: {choices}.",
        "ko": "{layer}에 \"type\"이 없습니다. 다음 중 하나로 정하세요: {choices}.",
    },
    "spec.error.forbidden_type": {
        "en": "{layer}: this layer type runs arbitrary Python code and is not allowed here. Use one of the built-in layers: {choices}.",
        "ko": "{layer}: 이 층은 임의의 파이썬 코드를 실행하므로 여기서는 쓸 수 없습니다. 기본 층 중에서 고르세요: {choices}.",
    },
    "spec.error.unknown_type_hint": {
        "en": "{layer}: the playground has no layer of this type. Did you mean {suggestion}? Change the type to {suggestion}.",
        "ko": "{layer}: 플레이그라운드에 이런 종류의 층은 없습니다. {suggestion}을(를) 말씀하신 건가요? type을 {suggestion}(으)로 바꾸세요.",
    },
    "spec.error.unknown_type": {
        "en": "{layer}: the playground has no layer of this type. Pick one of: {choices}.",
        "ko": "{layer}: 플레이그라운드에 이런 종류의 층은 없습니다. 다음 중에서 고르세요: {choices}.",
    },
    "spec.error.input_layer_position": {
        "en": "{layer}: an InputLayer may only be the first layer. Move it to the top or delete it.",
        "ko": "{layer}: InputLayer는 맨 첫 층으로만 쓸 수 있습니다. 맨 위로 옮기거나 지우세요.",
    },
    "spec.error.missing_argument": {
        "en": "{layer} needs \"{argument}\". Add it, for example {example}.",
        "ko": "{layer}에는 \"{argument}\"이(가) 필요합니다. 예를 들어 {example}처럼 추가하세요.",
    },
    "spec.error.input_argument": {
        "en": "{layer}: \"{argument}\" does not belong on a layer in Keras 3. Delete it and set the model's input shape instead (the first row of the Build page).",
        "ko": "{layer}: Keras 3에서는 \"{argument}\"을(를) 층에 쓰지 않습니다. 지우고 대신 모델의 입력 모양(Build 페이지 맨 위)을 정하세요.",
    },
    "spec.error.no_arguments": {
        "en": "{layer} takes no settings, but got {argument}. Delete it.",
        "ko": "{layer}에는 설정이 없는데 {argument}을(를) 받았습니다. 지우세요.",
    },
    "spec.error.unknown_argument_hint": {
        "en": "{layer} has no setting {argument}. Did you mean \"{suggestion}\"? It takes: {choices}.",
        "ko": "{layer}에는 {argument} 설정이 없습니다. \"{suggestion}\"을(를) 말씀하신 건가요? 쓸 수 있는 설정: {choices}.",
    },
    "spec.error.unknown_argument": {
        "en": "{layer} has no setting {argument}. Remove it; this layer takes: {choices}.",
        "ko": "{layer}에는 {argument} 설정이 없습니다. 지우세요. 이 층의 설정: {choices}.",
    },
    "spec.error.missing_value": {
        "en": "{layer}: \"{argument}\" is empty. Give it a value.",
        "ko": "{layer}: \"{argument}\" 값이 비어 있습니다. 값을 넣으세요.",
    },
    "spec.error.not_choice_list": {
        "en": "{layer}: \"{argument}\" must be a list of one or more different names from {choices}, but got {got}.",
        "ko": "{layer}: \"{argument}\"은(는) {choices} 중 서로 다른 이름 하나 이상의 목록이어야 하는데 {got}을(를) 받았습니다.",
    },
    "spec.error.needs_points": {
        "en": "{layer} takes points (x₁, x₂): the model's input shape must be (2,), but it gets {got}. "
              "Set the input shape to 2 and put this layer first.",
        "ko": "{layer}은(는) 점 (x₁, x₂)를 받습니다. 모델의 입력 모양은 (2,)여야 하는데 {got}을(를) 받습니다. "
              "입력 모양을 2로 정하고 이 층을 맨 앞에 두세요.",
    },
    "spec.error.not_bool": {
        "en": "{layer}: \"{argument}\" must be true or false, but got {got}. Set it to true or false.",
        "ko": "{layer}: \"{argument}\"은(는) true 또는 false여야 하는데 {got}을(를) 받았습니다. true나 false로 정하세요.",
    },
    "spec.error.bad_choice": {
        "en": "{layer}: \"{argument}\" cannot be {got}. Choose one of: {choices} (for example {suggestion}).",
        "ko": "{layer}: \"{argument}\"은(는) {got}일 수 없습니다. 다음 중에서 고르세요: {choices} (예: {suggestion}).",
    },
    "spec.error.bad_regularizer": {
        "en": "{layer}: \"{argument}\" cannot be {got}. Give one of {choices} (Keras's strength 0.01), or a "
              "strength from {minimum} to {maximum} as Keras writes it: {{\"class_name\": \"L2\", \"config\": {{\"l2\": 0.001}}}}.",
        "ko": "{layer}: \"{argument}\"은(는) {got}일 수 없습니다. {choices} 중 하나(Keras 기본 세기 0.01)를 쓰거나, "
              "{minimum}~{maximum}의 세기를 Keras 형식으로 쓰세요: {{\"class_name\": \"L2\", \"config\": {{\"l2\": 0.001}}}}.",
    },
    "spec.error.not_int": {
        "en": "{layer}: \"{argument}\" must be a whole number, but got {got}. Enter a whole number such as 16.",
        "ko": "{layer}: \"{argument}\"은(는) 정수여야 하는데 {got}을(를) 받았습니다. 16 같은 정수를 넣으세요.",
    },
    "spec.error.not_number": {
        "en": "{layer}: \"{argument}\" must be a number, but got {got}. Enter a number such as 0.5.",
        "ko": "{layer}: \"{argument}\"은(는) 숫자여야 하는데 {got}을(를) 받았습니다. 0.5 같은 숫자를 넣으세요.",
    },
    "spec.error.out_of_range": {
        "en": "{layer}: \"{argument}\" is {got}, outside {minimum} to {maximum}. Pick a value in that range.",
        "ko": "{layer}: \"{argument}\" 값 {got}은(는) {minimum}~{maximum} 범위를 벗어납니다. 이 범위 안의 값을 고르세요.",
    },
    "spec.error.not_int_tuple": {
        "en": "{layer}: \"{argument}\" must be a whole number or a list of {length} whole numbers, but got {got}. Write it like {example}.",
        "ko": "{layer}: \"{argument}\"은(는) 정수 하나이거나 정수 {length}개의 목록이어야 하는데 {got}을(를) 받았습니다. {example}처럼 쓰세요.",
    },
    "spec.error.missing_input_shape": {
        "en": "The model has no input shape. Set \"input_shape\", for example [28, 28, 1] for MNIST images, or start with an InputLayer.",
        "ko": "모델에 입력 모양이 없습니다. \"input_shape\"를 정하세요(예: MNIST 이미지는 [28, 28, 1]). 또는 InputLayer로 시작하세요.",
    },
    "spec.error.input_shape_conflict": {
        "en": "{layer}: its shape {shape} differs from the model's input_shape {input_shape}. Keep only one of them.",
        "ko": "{layer}: shape {shape}이(가) 모델의 input_shape {input_shape}와 다릅니다. 둘 중 하나만 남기세요.",
    },
    "spec.error.bad_input_shape": {
        "en": "The input shape must be 1 to 4 whole numbers from 1 to {maximum}, but got {got}. Write it like [28, 28, 1] (image) or [4] (table row).",
        "ko": "입력 모양은 1부터 {maximum} 사이의 정수 1~4개여야 하는데 {got}을(를) 받았습니다. [28, 28, 1](이미지)이나 [4](표의 한 행)처럼 쓰세요.",
    },
    "spec.error.too_many_params": {
        "en": "{layer} brings the model to {count} parameters, more than the {limit} the playground allows. Use fewer units or filters, or add pooling before Flatten.",
        "ko": "{layer}에서 모델 파라미터가 {count}개가 되어 허용치 {limit}개를 넘습니다. 유닛이나 필터 수를 줄이거나 Flatten 앞에 풀링을 넣으세요.",
    },
    "spec.error.input_too_big": {
        "en": "One input example has {count} values, more than the {limit} allowed. Use a smaller input shape, e.g. resize images to 150×150.",
        "ko": "입력 하나에 값이 {count}개로 허용치 {limit}개를 넘습니다. 입력 모양을 줄이세요(예: 이미지를 150×150으로).",
    },
    "spec.error.tensor_too_big": {
        "en": "{layer} outputs {shape}: {count} values per example, more than the {limit} allowed. Add pooling or strides before it, or use fewer filters or units.",
        "ko": "{layer}의 출력 {shape}은(는) 예제 하나당 값이 {count}개로 허용치 {limit}개를 넘습니다. 앞에 풀링이나 strides를 넣거나 필터·유닛 수를 줄이세요.",
    },
    "spec.error.needs_image_removed": {
        "en": "{layer} needs (height, width, channels) but gets {got} because {cause} removed them. Put {cause_type} after the convolution block.",
        "ko": "{layer}은(는) (높이, 너비, 채널) 입력이 필요한데 {got}을(를) 받습니다. {cause}이(가) 그 축들을 없앴기 때문입니다. {cause_type}을(를) 합성곱 블록 뒤로 옮기세요.",
    },
    "spec.error.needs_image_input": {
        "en": "{layer} needs (height, width, channels) but gets {got} from the input. Set the input shape to three numbers such as [28, 28, 1], or add a Reshape before it.",
        "ko": "{layer}은(는) (높이, 너비, 채널) 입력이 필요한데 입력에서 {got}을(를) 받습니다. 입력 모양을 [28, 28, 1]처럼 숫자 세 개로 바꾸거나 앞에 Reshape을 넣으세요.",
    },
    "spec.error.needs_image": {
        "en": "{layer} needs (height, width, channels) but gets {got}. Add a Reshape before it, e.g. to [28, 28, 1].",
        "ko": "{layer}은(는) (높이, 너비, 채널) 입력이 필요한데 {got}을(를) 받습니다. 앞에 Reshape(예: [28, 28, 1])을 넣으세요.",
    },
    "spec.error.needs_sequence_rnn": {
        "en": "{layer} needs (timesteps, features) but gets {got} because {cause} returns only its last output. Set return_sequences to true on layer {number}.",
        "ko": "{layer}은(는) (시간 단계, 특성) 입력이 필요한데 {got}을(를) 받습니다. {cause}이(가) 마지막 출력만 내보내기 때문입니다. {number}번째 층의 return_sequences를 true로 바꾸세요.",
    },
    "spec.error.needs_sequence_removed": {
        "en": "{layer} needs (timesteps, features) but gets {got} because {cause} removed the time axis. Move {cause_type} after the recurrent layers.",
        "ko": "{layer}은(는) (시간 단계, 특성) 입력이 필요한데 {got}을(를) 받습니다. {cause}이(가) 시간 축을 없앴기 때문입니다. {cause_type}을(를) 순환층 뒤로 옮기세요.",
    },
    "spec.error.needs_sequence_input": {
        "en": "{layer} needs (timesteps, features) but gets {got} from the input. Set the input shape to two numbers such as [100, 8], or put an Embedding before it for word ids.",
        "ko": "{layer}은(는) (시간 단계, 특성) 입력이 필요한데 입력에서 {got}을(를) 받습니다. 입력 모양을 [100, 8]처럼 숫자 두 개로 바꾸거나, 단어 번호라면 앞에 Embedding을 넣으세요.",
    },
    "spec.error.needs_sequence": {
        "en": "{layer} needs (timesteps, features) but gets {got}. Add a Reshape to [timesteps, features] before it.",
        "ko": "{layer}은(는) (시간 단계, 특성) 입력이 필요한데 {got}을(를) 받습니다. 앞에 [시간 단계, 특성] 모양의 Reshape을 넣으세요.",
    },
    "spec.error.window_too_big": {
        "en": "{layer}: its window of {window} does not fit, because only {size} pixel(s) of {axis} are left at this point. Use padding \"same\", a smaller window, or less pooling before it.",
        "ko": "{layer}: 크기 {window}인 창이 이 지점의 {axis} {size}픽셀에 들어가지 않습니다. padding을 \"same\"으로 하거나, 창을 줄이거나, 앞의 풀링을 줄이세요.",
    },
    "spec.error.reshape_unknowns": {
        "en": "{layer}: target_shape {target} may not contain 0 and may contain -1 only once. Replace the extra -1 or 0 with a size.",
        "ko": "{layer}: target_shape {target}에는 0을 쓸 수 없고 -1은 한 번만 쓸 수 있습니다. 남는 -1이나 0을 크기로 바꾸세요.",
    },
    "spec.error.reshape_mismatch": {
        "en": "{layer} cannot reshape {got} ({count} values) into {target} ({target_count} values). Make the sizes multiply to {count}, or use -1 for one size to let Keras work it out.",
        "ko": "{layer}: {got}(값 {count}개)을(를) {target}(값 {target_count}개)로 바꿀 수 없습니다. 크기들의 곱이 {count}이(가) 되게 하거나, 한 자리에 -1을 써서 Keras가 계산하게 하세요.",
    },
    "spec.error.keras_layer": {
        "en": "{layer}: Keras refused this layer ({detail}). Change this layer's settings.",
        "ko": "{layer}: Keras가 이 층을 만들지 못했습니다({detail}). 이 층의 설정을 바꾸세요.",
    },
    "spec.error.keras_model": {
        "en": "Keras could not start the model ({detail}). Check the input shape.",
        "ko": "Keras가 모델을 시작하지 못했습니다({detail}). 입력 모양을 확인하세요.",
    },
    "spec.error.bad_json": {
        "en": "This is not a valid model file ({detail}). Load a .json file saved by the playground's Build page.",
        "ko": "올바른 모델 파일이 아닙니다({detail}). 플레이그라운드 Build 페이지에서 저장한 .json 파일을 불러오세요.",
    },
    "spec.error.link_too_long": {
        "en": "The model in this link could not be opened: the link is {size} characters long, and playground links are at most {limit}. It was not made by the playground or was joined with other text: copy the link again from the Build page, or share the model as a JSON file (Save as JSON). The model on the page is kept.",
        "ko": "이 링크의 모델을 열 수 없습니다: 링크가 {size}자로, 플레이그라운드 링크의 최대 길이 {limit}자를 넘습니다. 플레이그라운드가 만든 링크가 아니거나 다른 글자가 붙었습니다. 모델 만들기 페이지에서 링크를 다시 복사하거나, 모델을 JSON 파일로 저장해 공유하세요. 페이지의 모델은 그대로 두었습니다.",
    },
    "spec.error.link_too_long_to_make": {
        "en": "This model is too large to share as a link ({size} characters; a link holds at most {limit}, and longer ones are refused by web servers). Save it as a JSON file and share the file instead.",
        "ko": "이 모델은 링크로 공유하기에 너무 큽니다({size}자, 링크는 최대 {limit}자이며 더 긴 링크는 웹 서버가 거부합니다). JSON 파일로 저장해 파일을 공유하세요.",
    },
    "spec.error.text_too_long": {
        "en": "This {what} is {size} characters long, more than the {limit} a playground model needs. Check you picked the right file or link.",
        "ko": "이 {what}은(는) {size}자로, 플레이그라운드 모델에 필요한 {limit}자보다 깁니다. 올바른 파일이나 링크인지 확인하세요.",
    },
    "spec.error.bad_link": {
        "en": "The model in this link could not be opened: {detail}. Copy the whole link again from the Build page. The model on the page is kept.",
        "ko": "이 링크의 모델을 열 수 없습니다: {detail}. 모델 만들기 페이지에서 링크 전체를 다시 복사하세요. 페이지의 모델은 그대로 두었습니다.",
    },
    "spec.link.not_ours": {"en": "it is not a playground link", "ko": "플레이그라운드 링크가 아닙니다"},
    "spec.link.cut": {"en": "the link is cut off or changed", "ko": "링크가 잘렸거나 바뀌었습니다"},
    "spec.link.not_a_model": {"en": "the link holds no model", "ko": "링크에 모델이 없습니다"},
    "spec.what.json": {"en": "file", "ko": "파일"},
    "spec.what.link": {"en": "link", "ko": "링크"},
}

_LAYER_TYPES: dict[str, dict[str, str]] = {
    "spec.type.InputLayer": {"en": "Declares the shape of one example (without the batch).",
                             "ko": "예제 하나의 모양을 정합니다(배치 축 제외)."},
    "spec.type.InputFeatures": {"en": "The playground's own layer: turns each point (x₁, x₂) into the chosen "
                                      "features (x₁², x₁x₂, sin x₁ …), one column each, with no weights.",
                                "ko": "플레이그라운드의 층: 각 점 (x₁, x₂)를 고른 특성(x₁², x₁x₂, sin x₁ …)으로 바꿉니다. "
                                      "특성마다 열 하나이고 가중치는 없습니다."},
    "spec.type.Dense": {"en": "Fully connected: every output unit sees every input value.",
                        "ko": "완전 연결층: 모든 출력 유닛이 모든 입력 값을 봅니다."},
    "spec.type.Conv2D": {"en": "Slides small learned filters over an image to detect local patterns.",
                         "ko": "학습된 작은 필터를 이미지 위로 밀며 지역 패턴을 찾습니다."},
    "spec.type.MaxPooling2D": {"en": "Keeps the largest value in each window: halves the image with pool 2.",
                               "ko": "각 창에서 가장 큰 값만 남깁니다. pool 2면 이미지가 절반이 됩니다."},
    "spec.type.AveragePooling2D": {"en": "Keeps the average of each window: a smoother downsampling.",
                                   "ko": "각 창의 평균을 남깁니다. 더 부드러운 축소입니다."},
    "spec.type.GlobalAveragePooling2D": {"en": "Averages each channel over the whole image: (h, w, c) → (c).",
                                         "ko": "채널마다 이미지 전체를 평균합니다: (h, w, c) → (c)."},
    "spec.type.Flatten": {"en": "Unrolls everything into one long vector, e.g. 28×28 → 784.",
                          "ko": "모든 값을 한 줄로 펼칩니다. 예: 28×28 → 784."},
    "spec.type.Reshape": {"en": "Rearranges the same values into a new shape.",
                          "ko": "같은 값들을 새 모양으로 재배열합니다."},
    "spec.type.Dropout": {"en": "During training, zeroes a random fraction of values to fight overfitting.",
                          "ko": "학습 중에 값의 일부를 무작위로 0으로 만들어 과대적합을 줄입니다."},
    "spec.type.BatchNormalization": {"en": "Normalizes each channel over the batch; learns a scale and shift.",
                                     "ko": "배치마다 채널을 정규화하고, 크기와 이동을 학습합니다."},
    "spec.type.Activation": {"en": "Applies an activation function on its own (e.g. after BatchNormalization).",
                             "ko": "활성화 함수만 따로 적용합니다(예: BatchNormalization 다음)."},
    "spec.type.LeakyReLU": {"en": "Like relu, but lets a small slope through for negative inputs.",
                            "ko": "relu와 같지만 음수 입력에도 작은 기울기를 남깁니다."},
    "spec.type.Rescaling": {"en": "Multiplies inputs by a constant, e.g. 1/255 to bring pixels into [0, 1].",
                            "ko": "입력에 상수를 곱합니다. 예: 1/255로 픽셀을 [0, 1]로 맞춥니다."},
    "spec.type.SimpleRNN": {"en": "The simplest recurrent layer: reads a sequence step by step.",
                            "ko": "가장 단순한 순환층: 시퀀스를 한 단계씩 읽습니다."},
    "spec.type.LSTM": {"en": "Recurrent layer with gates that remember over long sequences.",
                       "ko": "게이트로 긴 시퀀스를 기억하는 순환층입니다."},
    "spec.type.GRU": {"en": "A lighter gated recurrent layer than LSTM.",
                      "ko": "LSTM보다 가벼운 게이트 순환층입니다."},
    "spec.type.Embedding": {"en": "Turns word ids into learned vectors: (length) → (length, output_dim).",
                            "ko": "단어 번호를 학습된 벡터로 바꿉니다: (길이) → (길이, output_dim)."},
}

_HELP: dict[str, dict[str, str]] = {
    "spec.help.shape": {"en": "Shape of one example, e.g. 28, 28, 1 for a grayscale image.",
                        "ko": "예제 하나의 모양. 예: 흑백 이미지는 28, 28, 1."},
    "spec.help.features": {"en": "The columns computed from (x₁, x₂), in this order: x1, x2, x1_squared, "
                                 "x2_squared, x1_x2, sin_x1, sin_x2.",
                           "ko": "(x₁, x₂)에서 이 순서로 계산할 열: x1, x2, x1_squared, x2_squared, x1_x2, sin_x1, sin_x2."},
    "spec.help.units": {"en": "Number of output neurons. The last layer has one per class.",
                        "ko": "출력 뉴런 수. 마지막 층은 클래스마다 하나입니다."},
    "spec.help.activation": {"en": "Function applied to each output; linear means none.",
                             "ko": "각 출력에 적용할 함수. linear는 적용하지 않음입니다."},
    "spec.help.use_bias": {"en": "Add a learned bias to each output.", "ko": "각 출력에 학습되는 편향을 더합니다."},
    "spec.help.kernel_initializer": {"en": "How starting weights are drawn; he_normal suits relu.",
                                     "ko": "초기 가중치를 뽑는 방법. relu에는 he_normal이 잘 맞습니다."},
    "spec.help.kernel_regularizer": {
        "en": "Weight decay added to the loss: 'l2' is keras.regularizers.L2(0.01), which keeps weights small "
              "and boundaries smooth; another strength is written keras.regularizers.L2(0.001).",
        "ko": "손실에 더하는 가중치 벌점. 'l2'는 keras.regularizers.L2(0.01)로, 가중치를 작게 하고 경계를 매끄럽게 합니다. "
              "다른 세기는 keras.regularizers.L2(0.001)처럼 씁니다."},
    "spec.help.filters": {"en": "Number of filters, i.e. output channels.", "ko": "필터 수, 즉 출력 채널 수."},
    "spec.help.kernel_size": {"en": "Filter size: 3 means 3×3.", "ko": "필터 크기. 3은 3×3입니다."},
    "spec.help.strides": {"en": "Step between filter positions; 2 halves the image.",
                          "ko": "필터가 움직이는 간격. 2면 이미지가 절반이 됩니다."},
    "spec.help.padding": {"en": "valid: no border, the image shrinks; same: zero border keeps the size.",
                          "ko": "valid: 테두리 없음(이미지가 줄어듦), same: 0으로 테두리를 채워 크기 유지."},
    "spec.help.pool_size": {"en": "Window size: 2 means 2×2.", "ko": "창 크기. 2는 2×2입니다."},
    "spec.help.pool_strides": {"en": "Step between windows; empty means the pool size.",
                               "ko": "창이 움직이는 간격. 비우면 pool 크기와 같습니다."},
    "spec.help.target_shape": {"en": "New shape; -1 once lets Keras compute that size.",
                               "ko": "새 모양. -1을 한 번 쓰면 그 크기는 Keras가 계산합니다."},
    "spec.help.rate": {"en": "Fraction of values dropped during training, e.g. 0.3.",
                       "ko": "학습 중 버리는 값의 비율. 예: 0.3."},
    "spec.help.momentum": {"en": "How slowly the moving mean and variance follow new batches.",
                           "ko": "이동 평균과 분산이 새 배치를 얼마나 천천히 따라갈지."},
    "spec.help.epsilon": {"en": "Small number added to the variance to avoid dividing by zero.",
                          "ko": "0으로 나누지 않도록 분산에 더하는 작은 수."},
    "spec.help.center": {"en": "Learn a shift (beta).", "ko": "이동값(beta)을 학습합니다."},
    "spec.help.bn_scale": {"en": "Learn a scale (gamma).", "ko": "크기값(gamma)을 학습합니다."},
    "spec.help.negative_slope": {"en": "Slope for negative inputs.", "ko": "음수 입력에 쓰는 기울기."},
    "spec.help.rescaling_scale": {"en": "Multiplier, e.g. 0.00392 (= 1/255).", "ko": "곱할 값. 예: 0.00392(= 1/255)."},
    "spec.help.offset": {"en": "Added after multiplying.", "ko": "곱한 뒤에 더할 값."},
    "spec.help.rnn_units": {"en": "Size of the hidden state.", "ko": "은닉 상태의 크기."},
    "spec.help.return_sequences": {"en": "Output every step (needed before another recurrent layer).",
                                   "ko": "모든 단계의 출력을 내보냅니다(다음에 순환층이 오면 필요)."},
    "spec.help.rnn_dropout": {"en": "Fraction of inputs dropped during training.", "ko": "학습 중 버리는 입력의 비율."},
    "spec.help.reset_after": {"en": "Keras's default GRU variant (true), with a second bias.",
                              "ko": "Keras 기본 GRU 방식(true). 편향이 하나 더 있습니다."},
    "spec.help.input_dim": {"en": "Vocabulary size: largest word id + 1.", "ko": "어휘 크기: 가장 큰 단어 번호 + 1."},
    "spec.help.output_dim": {"en": "Length of each word vector.", "ko": "단어 벡터 하나의 길이."},
    "spec.help.mask_zero": {"en": "Treat id 0 as padding to be ignored.", "ko": "번호 0을 무시할 패딩으로 봅니다."},
}

_PRESETS: dict[str, dict[str, str]] = {
    "spec.preset.mnist_dnn": {"en": "MNIST DNN (Flatten → 16 → 8 → 10)", "ko": "MNIST DNN (Flatten → 16 → 8 → 10)"},
    "spec.preset.mnist_cnn": {"en": "MNIST CNN (two conv blocks)", "ko": "MNIST CNN (합성곱 블록 2개)"},
    "spec.preset.fashion_mnist_dnn": {"en": "Fashion-MNIST DNN with Dropout", "ko": "Fashion-MNIST DNN (Dropout 포함)"},
    "spec.preset.iris": {"en": "IRIS (10-20-10 → 3)", "ko": "붓꽃 IRIS (10-20-10 → 3)"},
    "spec.preset.breast_cancer": {"en": "Breast cancer (30 → 16 → 8 → 1 sigmoid)", "ko": "유방암 진단 (30 → 16 → 8 → 1 sigmoid)"},
    "spec.preset.dogs_vs_cats_cnn": {"en": "Dogs vs. cats CNN (150×150×3)", "ko": "개와 고양이 CNN (150×150×3)"},
    "spec.preset.deep_cnn_bn": {"en": "Deep CNN with BatchNormalization", "ko": "BatchNormalization을 쓴 깊은 CNN"},
    "spec.preset.text_lstm": {"en": "Text classifier (Embedding + LSTM)", "ko": "텍스트 분류기 (Embedding + LSTM)"},
}

_FORMULAS: dict[str, dict[str, str]] = {
    # How a layer's parameters are counted (playground/spec/param_formulas.py), shown under the summary.
    "spec.formula.none": {
        "en": "No weights: this layer only reshapes, picks, drops or rescales the values it gets.",
        "ko": "가중치가 없습니다. 이 층은 받은 값의 모양을 바꾸거나, 고르거나, 버리거나, 크기만 바꿉니다.",
    },
    "spec.formula.dense": {
        "en": "(inputs + 1 bias) · units: every unit has one weight per input and one bias.",
        "ko": "(입력 수 + 편향 1) · 유닛 수: 유닛마다 입력 하나에 가중치 하나, 그리고 편향 하나가 있습니다.",
    },
    "spec.formula.dense_no_bias": {
        "en": "inputs · units: one weight per input for every unit (use_bias=False: no bias).",
        "ko": "입력 수 · 유닛 수: 유닛마다 입력 하나에 가중치 하나가 있습니다(use_bias=False라 편향 없음).",
    },
    "spec.formula.conv2d": {
        "en": "(kernel height · kernel width · input channels + 1 bias) · filters: each filter sees every input channel.",
        "ko": "(커널 높이 · 커널 너비 · 입력 채널 수 + 편향 1) · 필터 수: 필터마다 모든 입력 채널을 봅니다.",
    },
    "spec.formula.conv2d_no_bias": {
        "en": "kernel height · kernel width · input channels · filters (use_bias=False: no bias).",
        "ko": "커널 높이 · 커널 너비 · 입력 채널 수 · 필터 수 (use_bias=False라 편향 없음).",
    },
    "spec.formula.batch_normalization": {
        "en": "{vectors} values per channel: {learned} learned (γ scale, β offset) and the moving mean and variance, which are updated while training but not trained (non-trainable).",
        "ko": "채널마다 값 {vectors}개: 학습되는 값 {learned}개(γ 배율, β 이동)와, 학습 중에 갱신되지만 학습되지는 않는 이동 평균과 이동 분산(비학습 파라미터)입니다.",
    },
    "spec.formula.recurrent": {
        "en": "{gates} gate(s) · units · (inputs + units + {biases} bias): each gate weighs the input, the previous output and a bias.",
        "ko": "게이트 {gates}개 · 유닛 수 · (입력 수 + 유닛 수 + 편향 {biases}): 게이트마다 입력, 이전 출력, 편향에 가중치가 있습니다.",
    },
    "spec.formula.embedding": {
        "en": "input_dim · output_dim: one learned vector of output_dim numbers for each of the input_dim words.",
        "ko": "input_dim · output_dim: input_dim개의 단어마다 output_dim개의 숫자로 된 벡터를 하나씩 학습합니다.",
    },
}

STRINGS: dict[str, dict[str, str]] = {**_MESSAGES, **_LAYER_TYPES, **_HELP, **_PRESETS, **_FORMULAS}
