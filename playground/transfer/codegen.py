"""The Keras code of a transfer-learning run, in the course notes' style, to reproduce it in Colab.

The notes write ``conv_base = VGG16(weights='imagenet', include_top=False, input_shape=(150, 150, 3))``,
``conv_base.trainable = False``, then fine-tune from ``block5_conv1`` at a low learning rate. The code
here does the same for the chosen base, reading the learner's class folders with
``image_dataset_from_directory`` (Keras 3's successor of ``flow_from_directory``). The from-scratch way
is the Build page's exporter (``playground.spec.codegen.to_code``) with these data lines in front.
Executing the code trains the same model as the page (the tests run it on small folders).
"""

from __future__ import annotations

from dataclasses import dataclass

from playground.spec.codegen import to_code
from playground.transfer.bases import BASES
from playground.transfer.models import HEAD_RATE, head_units, scratch_spec


@dataclass(frozen=True)
class TransferRun:
    """What the code reproduces.

    Attributes:
        way: A key of ``playground.transfer.models.WAYS``.
        base: A key of ``BASES``.
        class_count: Number of classes (2: one sigmoid unit and ``label_mode='binary'``, as the notes).
        epochs: Epochs of the run (fine-tuning: the frozen ones plus the unfrozen ones).
        unfreeze_epoch: The epoch fine-tuning unfroze the top block at.
        batch_size: Pictures per batch.
        fine_tune_rate: The low learning rate of fine-tuning.
    """

    way: str
    base: str
    class_count: int
    epochs: int
    unfreeze_epoch: int
    batch_size: int = 16
    fine_tune_rate: float = 1e-4


def transfer_code(run: TransferRun, folder: str = "train") -> str:
    """Runnable Keras code for ``run``, reading class folders from ``folder`` (one sub-folder per class)."""
    info = BASES[run.base]
    task = "binary" if run.class_count == 2 else "multiclass"
    lines = _data_lines(run, folder)
    if run.way == "scratch":
        spec = scratch_spec(info.input_shape, task, run.class_count)
        model_code = to_code(spec).replace("from tensorflow import keras\n", "")
        lines += ["", "# From scratch: the notes' small CNN, every weight learned from your pictures.",
                  "# The pictures arrive as 0-255 values; the page trained on 0-1, so scale them first.",
                  "train_ds = train_ds.map(lambda x, y: (x / 255.0, y))",
                  "val_ds = val_ds.map(lambda x, y: (x / 255.0, y))", "", model_code.rstrip("\n"),
                  f"history = model.fit(train_ds, epochs={run.epochs}, validation_data=val_ds)"]
        return "\n".join(lines + ["model.save('model.keras')"]) + "\n"
    units, activation = head_units(task, run.class_count)
    loss = "binary_crossentropy" if task == "binary" else "sparse_categorical_crossentropy"
    lines += ["", *_base_lines(run.base), "conv_base.trainable = False", "",
              f"inputs = keras.Input(shape={info.input_shape})", *_scaling_lines(run.base),
              "x = conv_base(x, training=False)  # BatchNormalization keeps its ImageNet statistics",
              "x = layers.GlobalAveragePooling2D()(x)", "x = layers.Dropout(0.2)(x)",
              f"outputs = layers.Dense({units}, activation={activation!r})(x)",
              "model = keras.Model(inputs, outputs)", "",
              f"model.compile(optimizer=keras.optimizers.Adam(learning_rate={HEAD_RATE}), loss={loss!r}, "
              "metrics=['accuracy'])", "model.summary()"]
    frozen_epochs = run.unfreeze_epoch if run.way == "fine_tuning" else run.epochs
    lines.append(f"history = model.fit(train_ds, epochs={frozen_epochs}, validation_data=val_ds)")
    if run.way == "fine_tuning":
        lines += ["", f"# Fine-tuning: unfreeze the top block, from {info.top_block!r} on, at a low learning rate.",
                  "conv_base.trainable = True", "set_trainable = False", "for layer in conv_base.layers:",
                  f"    if layer.name == {info.top_block!r}:", "        set_trainable = True",
                  "    layer.trainable = set_trainable and not isinstance(layer, layers.BatchNormalization)",
                  f"model.compile(optimizer=keras.optimizers.Adam(learning_rate={run.fine_tune_rate:g}), "
                  f"loss={loss!r}, metrics=['accuracy'])",
                  f"history_fine = model.fit(train_ds, epochs={run.epochs}, initial_epoch={frozen_epochs}, "
                  "validation_data=val_ds)"]
    return "\n".join(lines + ["model.save('model.keras')"]) + "\n"


def _data_lines(run: TransferRun, folder: str) -> list[str]:
    info = BASES[run.base]
    label_mode = "binary" if run.class_count == 2 else "int"
    colour = "grayscale" if info.channels == 1 else "rgb"
    common = (f"image_size=({info.input_size}, {info.input_size}), color_mode={colour!r}, "
              f"label_mode={label_mode!r}, batch_size={run.batch_size}, validation_split=0.2, seed=0")
    return ["from tensorflow import keras", "from keras import layers", "",
            f"# Your pictures: {folder}/<class name>/*.jpg, one folder per class (alphabetical order = label order).",
            f"train_ds = keras.utils.image_dataset_from_directory({folder!r}, {common}, subset='training')",
            f"val_ds = keras.utils.image_dataset_from_directory({folder!r}, {common}, subset='validation')"]


def _base_lines(base: str) -> list[str]:
    info = BASES[base]
    if not info.online:
        return ["# The playground's offline base: a CNN trained on 8 Fashion-MNIST classes (download it from the page).",
                "conv_base = keras.models.load_model('fashion_base.keras')"]
    return [f"from keras.applications import {info.application}", "",
            f"conv_base = {info.application}(weights='imagenet', include_top=False, input_shape={info.input_shape})"]


def _scaling_lines(base: str) -> list[str]:
    """Pictures arrive as 0–255: scale them as the base was trained (the page's pictures were 0–1)."""
    info = BASES[base]
    if info.caffe_means is not None:
        return [f"x = keras.applications.{info.module}.preprocess_input(inputs)"]
    scale, offset = info.scale / 255.0, info.offset
    return [f"x = layers.Rescaling({scale:.10g}, offset={offset:g})(inputs)"]
