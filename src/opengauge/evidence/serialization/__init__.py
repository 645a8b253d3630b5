"""Readers of serialized model files that never deserialize them.

Header parsers (safetensors, GGUF, ONNX), the pickle opcode walker and the
container readers (zip, tar, npy, joblib, Keras/HDF5) all work on bounded,
streamed reads of the raw bytes.
"""
