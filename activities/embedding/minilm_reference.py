"""A reference forward pass of all-MiniLM-L6-v2 in numpy, straight from the package's safetensors, with a
WordPiece tokenizer read from its tokenizer.json. It exists to check the GGUF conversion: it shares no code
with llama.cpp, so an embedding from node-llama-cpp that matches it shows the conversion and loading are right.

    python minilm_reference.py <model.zip> <out.json>

writes the reference vectors for FIXTURE_SENTENCES (the Node test compares against them without Python). The
committed fixture came from
    .venv/bin/python activities/embedding/minilm_reference.py \
        .venv/lib/python3.11/site-packages/all_minilm_l6_v2/model.zip activities/src/ai/minilm-reference.json
and equals sentence-transformers' own encode() of these sentences to 1e-6 (checked once, with torch, off the project).
"""

from __future__ import annotations

import json
import math
import sys
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load as load_safetensors

# Short replies and one longer text, paraphrase pairs among them (the semantic check uses them too).
FIXTURE_SENTENCES = [
    "Thanks, I'm interested. Can we schedule a call next week?",
    "Sounds good, let's book a meeting for next week.",
    "Please remove me from your mailing list.",
    "Unsubscribe me, I don't want these emails anymore.",
    "I'm out of the office until Monday with limited access to email.",
    (
        "The quarterly revenue report shows a 12% increase in recurring subscriptions, "
        "driven mostly by the café chain in São Paulo and two new enterprise accounts."
    ),
]


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    members = archive.namelist()
    if name in members:
        return archive.read(name)
    for member in members:
        if member.count("/") == name.count("/") + 1 and member.split("/", 1)[1] == name:
            return archive.read(member)
    raise SystemExit(f"{name} is missing from the model zip")


# --- WordPiece tokenizer (BertNormalizer with lowercase, BertPreTokenizer, WordPiece) ---


def is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def is_cjk(code: int) -> bool:
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x2A6DF
        or 0x2A700 <= code <= 0x2B73F
        or 0x2B740 <= code <= 0x2B81F
        or 0x2B820 <= code <= 0x2CEAF
        or 0xF900 <= code <= 0xFAFF
        or 0x2F800 <= code <= 0x2FA1F
    )


def normalize(text: str) -> str:
    """Clean control characters, space out CJK, lowercase and strip accents (strip_accents follows lowercase)."""
    out = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or (unicodedata.category(char).startswith("C") and char not in "\t\n\r"):
            continue
        if char.isspace():
            out.append(" ")
        elif is_cjk(code):
            out.append(f" {char} ")
        else:
            out.append(char)
    lowered = "".join(out).lower()
    return "".join(c for c in unicodedata.normalize("NFD", lowered) if unicodedata.category(c) != "Mn")


def pre_tokenize(text: str) -> list[str]:
    words: list[str] = []
    for chunk in text.split():
        current = ""
        for char in chunk:
            if is_punctuation(char):
                if current:
                    words.append(current)
                    current = ""
                words.append(char)
            else:
                current += char
        if current:
            words.append(current)
    return words


def word_piece(word: str, vocab: dict[str, int], unk: str = "[UNK]", max_chars: int = 100) -> list[int]:
    if len(word) > max_chars:
        return [vocab[unk]]
    pieces: list[int] = []
    start = 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            candidate = word[start:end] if start == 0 else "##" + word[start:end]
            if candidate in vocab:
                found = vocab[candidate]
                break
            end -= 1
        if found is None:
            return [vocab[unk]]
        pieces.append(found)
        start = end
    return pieces


def tokenize(text: str, vocab: dict[str, int]) -> list[int]:
    ids = [vocab["[CLS]"]]
    for word in pre_tokenize(normalize(text)):
        ids.extend(word_piece(word, vocab))
    return ids + [vocab["[SEP]"]]


# --- BERT encoder, mean pooling, L2 normalisation ---


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT's config names."""
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def embed(ids: list[int], w: dict[str, np.ndarray], config: dict) -> np.ndarray:
    eps = config["layer_norm_eps"]
    heads = config["num_attention_heads"]
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][: len(ids)]
        + w["embeddings.token_type_embeddings.weight"][0]
    ).astype(np.float64)
    x = layer_norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
    n, hidden = x.shape
    size = hidden // heads
    for layer in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{layer}."

        def linear(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
            return h @ w[p + name + ".weight"].T.astype(np.float64) + w[p + name + ".bias"]

        q = linear(x, "attention.self.query").reshape(n, heads, size).transpose(1, 0, 2)
        k = linear(x, "attention.self.key").reshape(n, heads, size).transpose(1, 0, 2)
        v = linear(x, "attention.self.value").reshape(n, heads, size).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attention = (scores / scores.sum(-1, keepdims=True)) @ v
        context = attention.transpose(1, 0, 2).reshape(n, hidden)
        x = layer_norm(
            x + linear(context, "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
            eps,
        )
        x = layer_norm(
            x + linear(gelu(linear(x, "intermediate.dense")), "output.dense"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
            eps,
        )
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


def main(zip_path: Path, out_path: Path) -> None:
    with zipfile.ZipFile(zip_path) as archive:
        config = json.loads(read_member(archive, "config.json"))
        vocab = json.loads(read_member(archive, "tokenizer.json"))["model"]["vocab"]
        weights = load_safetensors(read_member(archive, "model.safetensors"))
    fixture = []
    for sentence in FIXTURE_SENTENCES:
        ids = tokenize(sentence, vocab)
        vector = embed(ids, weights, config)
        fixture.append({"text": sentence, "tokens": ids, "vector": [round(float(v), 6) for v in vector]})
    out_path.write_text(json.dumps({"model": "all-MiniLM-L6-v2", "sentences": fixture}, indent=1) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: minilm_reference.py <model.zip> <out.json>")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
