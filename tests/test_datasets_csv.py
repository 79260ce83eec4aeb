"""A learner's CSV: good files become datasets, every bad file gets a message with its fix."""

from __future__ import annotations

import io

import numpy as np
import pytest

from playground.data import csv_upload as datasets_csv
from playground.data.registry import CsvError, csv_columns, load_csv


def _csv(rows: int = 40, label=lambda index: index % 3, extra: str = "") -> bytes:
    """A small numeric table: two features that depend on the label, then the label column."""
    lines = ["height,weight,kind" + extra]
    for index in range(rows):
        value = label(index)
        numeric = value if isinstance(value, (int, float)) else len(str(value))
        lines.append(f"{numeric * 2 + index % 5 * 0.1},{numeric - index % 7 * 0.01},{value}")
    return "\n".join(lines).encode()


def test_a_good_file_becomes_a_standardised_stratified_multiclass_dataset():
    dataset = load_csv(_csv(), "kind", name="shapes.csv")
    assert dataset.task == "multiclass" and dataset.class_names == ("0", "1", "2")
    assert dataset.input_shape == (2,) and dataset.feature_names == ("height", "weight")
    assert dataset.x_train.shape == (32, 2) and dataset.x_test.shape == (8, 2)
    assert dataset.x_train.dtype == np.float32 and dataset.y_train.dtype == np.int64
    assert np.abs(dataset.x_train.mean(axis=0)).max() < 1e-5
    assert sorted(np.bincount(dataset.y_test).tolist()) == [2, 3, 3]
    assert "shapes.csv" in dataset.source and "'kind'" in dataset.source
    assert csv_columns(_csv()) == ["height", "weight", "kind"]


def test_text_labels_are_encoded_in_sorted_order_and_two_of_them_make_a_binary_task():
    dataset = load_csv(_csv(label=lambda index: ["spam", "ham"][index % 2]), "kind")
    assert dataset.task == "binary" and dataset.class_names == ("ham", "spam")
    assert set(dataset.y_train.tolist()) == {0, 1}


def test_many_distinct_numbers_make_a_regression_task_with_float_targets():
    dataset = load_csv(_csv(label=lambda index: index * 1.5 + 0.25), "kind")
    assert dataset.task == "regression" and dataset.class_names == ()
    assert dataset.y_train.dtype == np.float32
    assert sorted(np.concatenate([dataset.y_train, dataset.y_test]).tolist())[:2] == [0.25, 1.75]


def test_paths_file_objects_semicolons_and_korean_excel_files_are_read(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(_csv())
    assert load_csv(path, "kind").num_samples == 40
    assert load_csv(io.BytesIO(_csv()), "kind").num_samples == 40
    assert load_csv(_csv().replace(b",", b";"), "kind").num_samples == 40
    korean = "키,몸무게,종류\n" + "\n".join(f"{i},{i * 2},{['고양이', '개'][i % 2]}" for i in range(20))
    dataset = load_csv(korean.encode("cp949"), "종류")
    assert dataset.class_names == ("개", "고양이") and dataset.feature_names == ("키", "몸무게")


def test_rows_with_missing_values_are_left_out_and_counted():
    data = _csv() + b"\n1.0,,2\n,3.0,1"
    dataset = load_csv(data, "kind")
    assert dataset.num_samples == 40 and "2 rows with missing values" in dataset.source


def test_a_chosen_task_is_used_or_refused_with_a_reason():
    assert load_csv(_csv(), "kind", task="regression").task == "regression"
    with pytest.raises(CsvError, match="exactly 2 distinct labels"):
        load_csv(_csv(), "kind", task="binary")
    with pytest.raises(CsvError, match="contains text"):
        load_csv(_csv(label=lambda index: ["a", "b", "c"][index % 3]), "kind", task="regression")


def test_text_feature_columns_are_named_and_can_be_left_out():
    data = b"name,age,survived\n" + b"\n".join(f"person{i},{20 + i},{i % 2}".encode() for i in range(30))
    with pytest.raises(CsvError) as caught:
        load_csv(data, "survived")
    assert "name" in str(caught.value) and "Columns to leave out" in str(caught.value)
    assert "name" in caught.value.text("ko") and "제외할 열" in caught.value.text("ko")
    dataset = load_csv(data, "survived", drop_columns=["name"])
    assert dataset.feature_names == ("age",) and dataset.task == "binary"


@pytest.mark.parametrize("data,expected", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "not a text CSV"),
    (b"only_one_column\n1\n2\n3", "only one column"),
    (b"a,b,c\n1,2\n3,4,5,6,7\n", "could not be read as a table"),
    (b"a,a,label\n1,2,0\n3,4,1\n", "share the name"),
    (b"x,label\n" + b"\n".join(f"{i},same".encode() for i in range(20)), "same label"),
    (b"x,label\n1,0\n2,1\n3,0", "at least 10"),
    (b"x,label\n" + b"\n".join(f"{i},{i}".encode() for i in range(300)) + b"\n1,id_x", "too many classes"),
])
def test_bad_files_raise_a_message_with_the_fix(data, expected):
    with pytest.raises(CsvError) as caught:
        load_csv(data, "label")
    assert expected in str(caught.value)
    assert caught.value.text("ko") and caught.value.text("ko") != str(caught.value)


def test_a_missing_label_column_lists_the_real_columns():
    with pytest.raises(CsvError) as caught:
        load_csv(_csv(), "species")
    assert "'species'" in str(caught.value) and "height, weight, kind" in str(caught.value)


def test_files_over_the_size_or_row_limit_are_refused_before_training(monkeypatch, tmp_path):
    monkeypatch.setattr(datasets_csv, "MAX_CSV_BYTES", 500)
    with pytest.raises(CsvError, match="up to 0.0 MB"):
        load_csv(_csv(rows=100), "kind")
    path = tmp_path / "big.csv"
    path.write_bytes(_csv(rows=100))
    with pytest.raises(CsvError, match="MB"):
        csv_columns(path)
    monkeypatch.setattr(datasets_csv, "MAX_CSV_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(datasets_csv, "MAX_CSV_ROWS", 50)
    with pytest.raises(CsvError, match="more than 50 rows"):
        load_csv(_csv(rows=100), "kind")


def test_infinite_values_are_named_with_their_column_and_rows():
    lines = _csv().decode().splitlines()
    lines[3] = "inf," + lines[3].split(",", 1)[1]       # file row 4 (the header is row 1)
    lines[8] = lines[8].rsplit(",", 2)[0] + ",-inf,1"  # file row 9
    with pytest.raises(CsvError) as refused:
        load_csv("\n".join(lines).encode(), "kind")
    assert refused.value.key == "datasets.csv.infinite"
    text = str(refused.value)
    assert "'height' (4)" in text and "'weight' (9)" in text and "learning rate" not in text
    assert "infinite" in text and "'height'" in refused.value.text("ko")


def test_decimal_commas_with_semicolons_are_read_as_numbers():
    lines = ["height;weight;kind"] + [f"{index % 3},{index % 5};{index % 7},25;{index % 3}" for index in range(40)]
    dataset = load_csv("\n".join(lines).encode(), "kind")
    assert dataset.input_shape == (2,) and dataset.task == "multiclass"
    assert csv_columns("\n".join(lines).encode()) == ["height", "weight", "kind"]


def test_a_korean_excel_file_with_one_stray_byte_keeps_its_korean_column_names():
    lines = ["키,몸무게,종류"] + [f"{index % 3 * 2 + index % 5 * 0.1},{index % 7},{['개', '고양이'][index % 2]}"
                               for index in range(40)]
    data = "\n".join(lines).encode("cp949")
    end_of_a_label = data.rindex(b"\n")
    damaged = data[:end_of_a_label] + b"\xff" + data[end_of_a_label:]  # one byte no Korean encoding has
    assert csv_columns(damaged) == ["키", "몸무게", "종류"]
    assert load_csv(damaged, "종류").class_names[:1] == ("개",)
