"""Your own images and transfer learning: picture folders, pretrained bases, the three ways, Grad-CAM.

``images`` (class folders from a zip or the camera → a ``Dataset``), ``samples`` (offline example
pictures), ``bases`` (the registry of pretrained convolutional bases, online and offline), ``models``
(from scratch, feature extraction, fine-tuning), ``job`` (the three ways as one engine race),
``gradcam`` (where a model looked), ``codegen`` (the Keras code of a run), ``base_training`` (the
reproducible recipe of the offline base). Keras is imported lazily.
"""
