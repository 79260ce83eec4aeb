"""Strings of the Convolution lab (keys start with ``conv.``)."""

STRINGS: dict[str, dict[str, str]] = {
    # Errors raised by playground.convolution / samples / features (ConvolutionError, SampleError).
    "conv.error.integer": {
        "en": "{name} must be a whole number from {low} to {high}; it was {value}.",
        "ko": "{name} 값은 {low}부터 {high}까지의 정수여야 합니다. 받은 값: {value}.",
    },
    "conv.error.padding": {
        "en": "Padding must be 'valid' or 'same'; it was {value!r}.",
        "ko": "패딩은 'valid' 또는 'same'이어야 합니다. 받은 값: {value!r}.",
    },
    "conv.error.pool_mode": {
        "en": "Pooling must be 'max' or 'average'; it was {value!r}.",
        "ko": "풀링은 'max' 또는 'average'여야 합니다. 받은 값: {value!r}.",
    },
    "conv.error.kernel_too_big": {
        "en": "The window ({kernel} wide, reaching {reach} pixels with dilation) is bigger than the input ({size} pixels) with 'valid' padding. Use a smaller kernel or dilation, a bigger image or crop, or 'same' padding.",
        "ko": "'valid' 패딩에서 창(크기 {kernel}, 팽창 포함 {reach}픽셀)이 입력({size}픽셀)보다 큽니다. 더 작은 커널이나 팽창, 더 큰 이미지나 영역을 고르거나 'same' 패딩을 쓰세요.",
    },
    "conv.error.image_shape": {
        "en": "The image must be a 2-D (height, width) or 3-D (height, width, channels) array; it had shape {shape}.",
        "ko": "이미지는 2차원(높이, 너비) 또는 3차원(높이, 너비, 채널) 배열이어야 합니다. 받은 모양: {shape}.",
    },
    "conv.error.kernel_shape": {
        "en": "The kernel must be 2-D (height, width) or 3-D (height, width, channels); it had shape {shape}.",
        "ko": "커널은 2차원(높이, 너비) 또는 3차원(높이, 너비, 채널)이어야 합니다. 받은 모양: {shape}.",
    },
    "conv.error.kernel_channels": {
        "en": "The kernel has {kernel_channels} channel(s) but the image has {channels}. Give one kernel slice per image channel, or a 2-D kernel to use it for every channel.",
        "ko": "커널의 채널 수는 {kernel_channels}개인데 이미지는 {channels}개입니다. 이미지 채널마다 커널을 하나씩 주거나, 모든 채널에 쓸 2차원 커널을 주세요.",
    },
    "conv.error.not_finite": {
        "en": "Every value must be a finite number; empty cells, NaN or infinity are not allowed. Fill every cell of the kernel.",
        "ko": "모든 값은 유한한 숫자여야 합니다. 빈 칸, NaN, 무한대는 쓸 수 없습니다. 커널의 모든 칸을 채우세요.",
    },
    "conv.error.stride_and_dilation": {
        "en": "Keras does not allow stride {stride} together with dilation {dilation}: set the stride or the dilation to 1.",
        "ko": "Keras는 스트라이드 {stride}와 팽창(dilation) {dilation}을 함께 쓸 수 없습니다. 스트라이드나 팽창 중 하나를 1로 두세요.",
    },
    "conv.error.upload_empty": {
        "en": "The uploaded file is empty. Choose a PNG or JPEG image.",
        "ko": "올린 파일이 비어 있습니다. PNG 또는 JPEG 이미지를 고르세요.",
    },
    "conv.error.upload_too_large": {
        "en": "The file is {megabytes:.1f} MB; the limit is {limit} MB. Choose a smaller image.",
        "ko": "파일 크기가 {megabytes:.1f}MB입니다. 한도는 {limit}MB입니다. 더 작은 이미지를 고르세요.",
    },
    "conv.error.upload_not_image": {
        "en": "'{name}' is not a readable image (it may be corrupt or another kind of file). Choose a PNG or JPEG image.",
        "ko": "'{name}'은(는) 읽을 수 있는 이미지가 아닙니다(손상되었거나 다른 종류의 파일일 수 있습니다). PNG 또는 JPEG 이미지를 고르세요.",
    },
    "conv.error.unknown_sample": {
        "en": "There is no sample called {name!r}.",
        "ko": "{name!r}라는 샘플은 없습니다.",
    },
    "conv.error.unknown_kernel": {
        "en": "There is no kernel preset called {name!r}.",
        "ko": "{name!r}라는 커널 프리셋은 없습니다.",
    },
    "conv.error.kernel_size": {
        "en": "Kernel size must be one of {sizes}; it was {size}.",
        "ko": "커널 크기는 {sizes} 중 하나여야 합니다. 받은 값: {size}.",
    },
    "conv.error.no_feature_layers": {
        "en": "This model has no Conv2D or pooling layer, so it has no feature maps to show. Add a Conv2D layer on the Build page.",
        "ko": "이 모델에는 Conv2D나 풀링 층이 없어서 보여줄 특성 맵이 없습니다. 모델 만들기 페이지에서 Conv2D 층을 추가하세요.",
    },
    "conv.error.model_input": {
        "en": "This model expects images of shape {expected}; it cannot take an image input. Use a model whose input is (height, width, channels).",
        "ko": "이 모델은 {expected} 모양의 입력을 받으므로 이미지를 넣을 수 없습니다. 입력이 (높이, 너비, 채널)인 모델을 쓰세요.",
    },
    # The feature-map view (ui/feature_maps.py), also used by the Draw page.
    "conv.fm.model_input": {"en": "What the model sees ({shape})", "ko": "모델이 보는 입력 ({shape})"},
    "conv.fm.max_maps": {"en": "Maps to show per layer", "ko": "층마다 보여줄 맵 수"},
    "conv.fm.caption": {
        "en": "Each map is scaled to its own range: bright = strongest response of that filter.",
        "ko": "각 맵은 자기 값의 범위에 맞춰 밝기를 조정했습니다. 밝을수록 그 필터가 강하게 반응한 곳입니다.",
    },
    "conv.fm.layer": {"en": "**{name}** · {type} · output {shape}", "ko": "**{name}** · {type} · 출력 {shape}"},
    "conv.fm.map": {"en": "map", "ko": "맵"},
}
