"""The Overfitting page: model variants side by side, an augmentation preview, Dropout made visible."""
