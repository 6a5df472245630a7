#!/usr/bin/env python3
"""Writes small text documents for the word-count example, the same every run (fixed seed).

    gen_docs.py OUT_DIR NAME... [--seed N] [--words N]

Each NAME becomes OUT_DIR/NAME, a few lines of words drawn from a fixed vocabulary with mixed case
and punctuation, so that the tokenizer (lower-case runs of letters) has some work to do.
"""
import argparse
import pathlib
import random

VOCABULARY = (
    "data pipeline commit datum repo branch job glob version lineage elephant worker "
    "input output merge reduce map count word file shard cluster provenance history "
    "spout cron cross union group join model train deploy"
).split()
PUNCTUATION = ["", "", "", ",", ".", ";", "!", "?"]


def document(rng: random.Random, words: int) -> str:
    lines, line = [], []
    for _ in range(words):
        word = rng.choice(VOCABULARY)
        style = rng.random()
        if style < 0.15:
            word = word.capitalize()
        elif style < 0.2:
            word = word.upper()
        if rng.random() < 0.05:
            word += "'s"  # the tokenizer splits this into the word and "s"
        line.append(word + rng.choice(PUNCTUATION))
        if len(line) >= rng.randint(6, 12):
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("names", nargs="+")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=150)
    args = parser.parse_args()
    out = pathlib.Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for index, name in enumerate(args.names):
        rng = random.Random(args.seed * 1000 + index)
        (out / name).write_text(document(rng, args.words + 25 * index))


if __name__ == "__main__":
    main()
