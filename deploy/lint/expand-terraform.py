"""Copies a Terraform folder with its nested `dynamic` blocks written out as static blocks, for checkov.

checkov renders `dynamic` blocks only at a resource's top level (its variable renderer says "only
check dynamic blocks on the root level for now"), so the Cloud SQL `database_flags` generated from
`local.postgres_flags` inside `settings` would read as missing. This writes each such block out,
one static block per element of the local list, so checkov judges the flags the instances really get.
Only the shape the project uses is expanded: `for_each = local.NAME` over a list of objects, and
`content` arguments of the form `ARG = BLOCK.value.FIELD`; anything else is left as it is.

usage: expand-terraform.py SOURCE_DIR DEST_DIR
"""
import json
import re
import shutil
import sys
from pathlib import Path

import hcl2

DYNAMIC = re.compile(
    r'^(?P<indent>[ \t]*)dynamic "(?P<block>[\w-]+)" \{\n'
    r'[ \t]*for_each = local\.(?P<local>\w+)\n'
    r'[ \t]*content \{\n'
    r'(?P<body>(?:[ \t]*\w+ += [\w.]+\n)+)'
    r'[ \t]*\}\n'
    r'[ \t]*\}\n',
    re.MULTILINE,
)
ARGUMENT = re.compile(r'^[ \t]*(?P<arg>\w+) += (?P<block>[\w-]+)\.value\.(?P<field>\w+)$', re.MULTILINE)


def read_locals(folder: Path) -> dict:
    found: dict = {}
    for tf in sorted(folder.glob("*.tf")):
        with tf.open(encoding="utf8") as handle:
            for block in hcl2.load(handle).get("locals", []):
                found.update({key: value for key, value in block.items() if not key.startswith("__")})
    return found


def expand(text: str, local_values: dict) -> tuple[str, int]:
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        items = local_values.get(match["local"])
        # hcl2 wraps list values in one more list.
        if isinstance(items, list) and len(items) == 1 and isinstance(items[0], list):
            items = items[0]
        arguments = [a for a in ARGUMENT.finditer(match["body"]) if a["block"] == match["block"]]
        if not isinstance(items, list) or len(arguments) != len(match["body"].strip().splitlines()):
            return match.group(0)
        indent = match["indent"]
        blocks = []
        for item in items:
            lines = [f'{indent}  {a["arg"]} = {json.dumps(item[a["field"]])}' for a in arguments]
            blocks.append(f'{indent}{match["block"]} {{\n' + "\n".join(lines) + f"\n{indent}}}\n")
        count += 1
        return "".join(blocks)

    return DYNAMIC.sub(replace, text), count


def main() -> int:
    source, dest = Path(sys.argv[1]), Path(sys.argv[2])
    shutil.copytree(source, dest, dirs_exist_ok=True)
    local_values = read_locals(source)
    total = 0
    for tf in sorted(dest.glob("*.tf")):
        expanded, count = expand(tf.read_text(encoding="utf8"), local_values)
        tf.write_text(expanded, encoding="utf8")
        total += count
    print(f"expanded {total} dynamic block(s) into static ones", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
