// Bundles the reporter client with esbuild and copies the static files next to it.
//
// The output must be reproducible (the team signs a hash manifest of these assets into the team
// bundle, and the transfer page and desk compare the live assets against it), so: no timestamps, no
// absolute paths, no source maps, a fixed target, and a manifest written in sorted order.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** Keeps `deployment.js` out of the bundle: every import of it resolves to `./deployment.js` at runtime. */
const deploymentIsSeparate = {
  name: "deployment-is-separate",
  setup(b) {
    b.onResolve({ filter: /(^|\/)deployment\.js$/ }, () => ({ path: "./deployment.js", external: true }));
  },
};

const out = process.argv[2] ?? "target/classes/web";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const entries = readdirSync("src").filter((f) => f.endsWith(".entry.js"));
if (entries.length > 0) {
  await build({
    entryPoints: entries.map((f) => join("src", f)),
    outdir: out,
    entryNames: "[name]",
    bundle: true,
    format: "esm",
    target: ["es2022"],
    minify: true,
    sourcemap: false,
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
    plugins: [deploymentIsSeparate],
  });
  // The deployment's pinned values stay a separate, tiny module next to the bundle, so an operator
  // (or the demo) can pin its own team without rebuilding; it is listed in the signed manifest.
  cpSync(join("src", "deployment.js"), join(out, "deployment.js"));
}
if (existsSync("public")) {
  cpSync("public", out, { recursive: true });
}

// Subresource integrity on the page's own script and style: a proxy or cache that alters them in
// transit makes the browser refuse them rather than run them.
const sri = (f) => "sha256-" + createHash("sha256").update(readFileSync(join(out, f))).digest("base64");
const indexPath = join(out, "index.html");
if (existsSync(indexPath) && existsSync(join(out, "app.entry.js"))) {
  const html = readFileSync(indexPath, "utf8")
    .replace('<script type="module" src="app.entry.js"></script>', `<script type="module" src="app.entry.js" integrity="${sri("app.entry.js")}"></script>`)
    .replace('<link rel="stylesheet" href="app.css">', `<link rel="stylesheet" href="app.css" integrity="${sri("app.css")}">`);
  if (!html.includes("integrity=")) throw new Error("index.html: script/style tags not found for subresource integrity");
  writeFileSync(indexPath, html);
}

// The manifest lists every served asset with its SHA-256, sorted by path: this is what the team
// signs into the bundle and what the page's subresource-integrity attributes are checked against.
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else files.push(p);
  }
})(out);
const manifest = {};
for (const f of files.sort()) {
  const rel = relative(out, f).split("\\").join("/");
  manifest[rel] = "sha256-" + createHash("sha256").update(readFileSync(f)).digest("base64");
}
writeFileSync(join(out, "asset-manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
console.log(`client-web: ${files.length} assets written to ${out}`);
