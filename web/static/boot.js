// Starts the Go program. Kept out of index.html so the Content-Security-Policy can forbid
// inline scripts. Vugu's renderer installs its helper with window.eval; the same helper is
// loaded from vugu-render.js, so the eval is answered without evaluating anything and the
// policy needs no 'unsafe-eval'.
(function () {
  "use strict";
  const realEval = window.eval;
  window.eval = function (src) {
    if (window.vuguRender && typeof src === "string" && src.indexOf("window.vuguRender") >= 0) {
      return undefined;
    }
    return realEval(src);
  };
  window.__kpl = { renders: 0, buildMsTotal: 0, syncMsTotal: 0, lanesDraws: 0, lanesBuildMsTotal: 0, lanesDrawMsTotal: 0 };
  performance.mark("boot-start");
  const status = () => document.getElementById("boot-status");
  const me = document.currentScript || document.querySelector("script[data-wasm]");
  const wasmURL = me.getAttribute("data-wasm");
  const go = new Go();
  const load = (resp) => ("instantiateStreaming" in WebAssembly)
    ? WebAssembly.instantiateStreaming(resp, go.importObject).catch(() =>
        fetch(wasmURL).then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject)))
    : resp.then((r) => r.arrayBuffer()).then((b) => WebAssembly.instantiate(b, go.importObject));
  load(fetch(wasmURL))
    .then((res) => {
      performance.mark("wasm-instantiated");
      return go.run(res.instance);
    })
    .then(() => {
      const s = status();
      const el = document.getElementById("vugu_mount_point");
      if (el && !document.body.dataset.ready) { el.textContent = "The simulator stopped. Reload the page to start again."; }
      else if (s) { s.textContent = "The simulator stopped. Reload the page to start again."; }
    })
    .catch((e) => {
      const s = status();
      if (s) { s.textContent = "Could not load the simulator: " + e; }
    });
})();
