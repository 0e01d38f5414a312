/** A self-contained API reference page; it reads the OpenAPI document and lists each operation. */
export const apiDocsPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cadenza API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code,pre{background:#f4f4f8;padding:.1rem .3rem;border-radius:4px}pre{padding:1rem;overflow:auto}
h2{border-bottom:1px solid #ddd;padding-bottom:.3rem}.verb{font-weight:700;text-transform:uppercase}</style></head>
<body><h1>Cadenza API</h1><p>OpenAPI document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
Authenticate with <code>Authorization: Bearer &lt;api key&gt;</code>.</p><div id="ops">Loading…</div>
<script>
fetch('/api/v1/openapi.json').then(r => r.json()).then(doc => {
  const ops = document.getElementById('ops'); ops.textContent = '';
  for (const [path, item] of Object.entries(doc.paths)) for (const [verb, op] of Object.entries(item)) {
    const h = document.createElement('h2'); h.innerHTML = '<span class="verb"></span> <code></code>';
    h.querySelector('.verb').textContent = verb; h.querySelector('code').textContent = path;
    const p = document.createElement('p'); p.textContent = op.summary;
    const pre = document.createElement('pre'); pre.textContent = JSON.stringify(op.responses, null, 2);
    ops.append(h, p, pre);
  }
});
</script></body></html>`;
