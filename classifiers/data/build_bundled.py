"""Rebuild the bundled model from the bundled training set: ``python -m classifiers.data.build_bundled``.

The result (classifiers/bundled/model.joblib + metadata.json) is committed so that a fresh install
classifies offline. Its metadata records the training data's hash and the library versions.
"""

from __future__ import annotations

from classifiers import BUNDLED_DIR, bundled_examples, save_model, train


def main() -> None:
    examples = bundled_examples()
    model = train(examples, sources={"bundled": len(examples)})
    model.metadata["version"] = "bundled-" + model.metadata["version"]
    save_model(model, BUNDLED_DIR)
    size = (BUNDLED_DIR / "model.joblib").stat().st_size
    print(f"bundled model {model.version}: {len(examples)} examples, {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
