"""Renders the Helm chart with Helm's own engine (PyPI helm-python-sdk binds Helm's Go SDK,
so no helm binary is needed) and prints the manifests as one YAML stream. Exits 1 when
`helm lint` reports a warning or an error.

usage: render-chart.py CHART_DIR [VALUES_FILE ...]
"""
import sys

import helm_python as helm


def main() -> int:
    chart_dir, value_files = sys.argv[1], sys.argv[2:]
    findings = helm.lint(chart_dir)
    values: dict = {}
    for path in value_files:
        with open(path, encoding="utf8") as handle:
            values.update(helm.values_from_yaml(handle.read()))
    with helm.Chart.load(chart_dir) as chart:
        manifests = chart.render(values, name="cadenza", namespace="cadenza")
    for name in sorted(manifests):
        body = manifests[name].strip()
        if body and name.endswith(".yaml"):
            print(f"---\n# Source: {name}\n{body}")
    # helm lint severities: 1 info, 2 warning, 3 error; info (such as "icon is recommended") passes.
    blocking = [m for m in findings.get("messages", []) if m.get("severity", 0) >= 2] + list(findings.get("errors", []))
    print(f"helm lint: {findings}", file=sys.stderr)
    return 1 if blocking else 0


if __name__ == "__main__":
    sys.exit(main())
