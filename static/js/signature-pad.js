/* The survey's optional signature: draw with a finger or the mouse; on submit a drawn pad is sent as a PNG. */
(function () {
  "use strict";
  const pad = document.querySelector("[data-signature-pad]");
  const value = document.querySelector("[data-signature-value]");
  if (!pad || !value) return;
  const ctx = pad.getContext("2d");
  ctx.lineWidth = 3;
  ctx.lineCap = "round";
  ctx.strokeStyle = "#111";
  let drawing = false;
  let drawn = false;
  function at(event) {
    const box = pad.getBoundingClientRect();
    return [(event.clientX - box.left) * (pad.width / box.width), (event.clientY - box.top) * (pad.height / box.height)];
  }
  pad.addEventListener("pointerdown", (event) => {
    drawing = true;
    pad.setPointerCapture(event.pointerId);
    ctx.beginPath();
    ctx.moveTo(...at(event));
    event.preventDefault();
  });
  pad.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    ctx.lineTo(...at(event));
    ctx.stroke();
    drawn = true;
  });
  ["pointerup", "pointercancel"].forEach((name) => pad.addEventListener(name, () => { drawing = false; }));
  const clear = document.querySelector("[data-signature-clear]");
  if (clear) clear.addEventListener("click", () => { ctx.clearRect(0, 0, pad.width, pad.height); drawn = false; });
  pad.closest("form").addEventListener("submit", () => { value.value = drawn ? pad.toDataURL("image/png") : ""; });
})();
